package dev.correlog.internal;

import dev.correlog.Level;
import dev.correlog.sampling.Sampling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sampling rules, head ratio and logger levels, as one immutable snapshot read once per event and
 * replaced (copy on write) when changed through {@link Sampling}.
 */
public final class Sampler implements Sampling {
  /** What one event's decision reads. */
  static final class State {
    final double headRatio;
    final long headBound;
    final double headRate;
    final int alwaysKeep;
    final Map<String, SamplingRule> exactEvents;
    final SamplingRule[] prefixEvents; // longest first
    final SamplingRule[] loggerRules; // longest first
    final boolean hasRules;

    /**
     * Events below this level (an ordinal) in a context already decided not sampled are dropped
     * with no further reading: {@link #alwaysKeep} when no rule can apply and the engine has
     * neither error flush nor error boost (see {@code Engine.start}), else 0 (never).
     */
    final int decidedDropBelow;

    State(double headRatio, int alwaysKeep, Map<String, SamplingRule> rules, boolean plainDrops) {
      this.headRatio = headRatio;
      this.headBound = bound(headRatio);
      this.headRate = rate(headRatio);
      this.alwaysKeep = alwaysKeep;
      Map<String, SamplingRule> exact = new HashMap<>();
      List<SamplingRule> prefixes = new ArrayList<>();
      List<SamplingRule> loggers = new ArrayList<>();
      for (SamplingRule r : rules.values()) {
        if (r.logger()) {
          loggers.add(r);
        } else if (r.pattern().endsWith("*")) {
          prefixes.add(r);
        } else {
          exact.put(r.pattern(), r);
        }
      }
      Comparator<SamplingRule> longestFirst =
          Comparator.comparingInt((SamplingRule r) -> r.pattern().length()).reversed();
      prefixes.sort(longestFirst);
      loggers.sort(longestFirst);
      this.exactEvents = exact;
      this.prefixEvents = prefixes.toArray(new SamplingRule[0]);
      this.loggerRules = loggers.toArray(new SamplingRule[0]);
      this.hasRules = !rules.isEmpty();
      this.decidedDropBelow = plainDrops && !hasRules ? alwaysKeep : 0;
    }

    /** The rule for this event, or null: exact event name, then event prefix, then logger. */
    SamplingRule match(String event, String logger) {
      SamplingRule r = exactEvents.get(event);
      if (r != null) {
        return r;
      }
      for (SamplingRule p : prefixEvents) {
        String pattern = p.pattern();
        if (event.regionMatches(0, pattern, 0, pattern.length() - 1)) {
          return p;
        }
      }
      for (SamplingRule l : loggerRules) {
        if (under(logger, l.pattern())) {
          return l;
        }
      }
      return null;
    }
  }

  private final Object lock = new Object();
  private final Map<String, SamplingRule> rules = new LinkedHashMap<>();
  private final Map<String, Level> levels = new HashMap<>();
  private final Runnable onChanged;
  private final boolean plainDrops;
  private volatile State state;
  private volatile int version;

  /**
   * {@code plainDrops}: the engine drops a sampled-out event and does nothing else for it (no error
   * flush holding it, no error boost counting it), so a context decided not sampled can be dropped
   * by {@link State#decidedDropBelow} alone.
   */
  public Sampler(
      double headRatio, Level alwaysKeep, Level rootLevel, Runnable onChanged, boolean plainDrops) {
    checkRatio(headRatio);
    this.onChanged = onChanged;
    this.plainDrops = plainDrops;
    levels.put("", rootLevel);
    state = new State(headRatio, checkAlwaysKeep(alwaysKeep).ordinal(), rules, plainDrops);
  }

  State state() {
    return state;
  }

  /**
   * OpenTelemetry's trace-id ratio convention: sampled when |random part| < ratio * MAX_VALUE,
   * where the random part is the trace id's low 64 bits.
   */
  static long bound(double ratio) {
    if (ratio >= 1) {
      return Long.MAX_VALUE;
    }
    if (ratio <= 0) {
      return Long.MIN_VALUE;
    }
    return (long) (ratio * Long.MAX_VALUE);
  }

  static boolean keep(long traceIdLow, long bound) {
    return Math.abs(traceIdLow) < bound;
  }

  /** 1/p for a probability below 1, else 0 (no sample_rate written). */
  static double rate(double p) {
    return p >= 1 || p <= 0 ? 0 : 1 / p;
  }

  static boolean under(String name, String prefix) {
    return prefix.isEmpty()
        || name.equals(prefix)
        || (name.startsWith(prefix) && name.charAt(prefix.length()) == '.');
  }

  /**
   * Changes whenever a level or the sampling state is set, before {@code onChanged} runs: loggers
   * not kept by their Correlog compare it per event.
   */
  public int version() {
    return version;
  }

  /** See {@link State#decidedDropBelow}: loggers keep it with their level (see EventLogger). */
  public int decidedDropBelow() {
    return state.decidedDropBelow;
  }

  /** The level of logger {@code name}: the longest configured prefix wins. */
  public Level levelFor(String name) {
    synchronized (lock) {
      String best = "";
      for (String prefix : levels.keySet()) {
        if (prefix.length() > best.length() && under(name, prefix)) {
          best = prefix;
        }
      }
      return levels.get(best);
    }
  }

  @Override
  public Sampling headRatio(double ratio) {
    checkRatio(ratio);
    synchronized (lock) {
      replace(ratio, state.alwaysKeep);
    }
    onChanged.run();
    return this;
  }

  @Override
  public double headRatio() {
    return state.headRatio;
  }

  @Override
  public Sampling alwaysKeep(Level level) {
    checkAlwaysKeep(level);
    synchronized (lock) {
      replace(state.headRatio, level.ordinal());
    }
    onChanged.run();
    return this;
  }

  /** Checks an event pattern: a name, or a prefix ending in '*'. */
  public static String checkPattern(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    String body = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
    if (body.isEmpty() || body.indexOf('*') >= 0) {
      throw new IllegalArgumentException(
          "event pattern '" + pattern + "' must be a name or a prefix ending in '*'");
    }
    return pattern;
  }

  @Override
  public Sampling eventRule(String pattern, double p) {
    checkPattern(pattern);
    return putRule(new SamplingRule(pattern, false, checkRatio(p), bound(p), rate(p)));
  }

  @Override
  public Sampling loggerRule(String prefix, double p) {
    Objects.requireNonNull(prefix, "prefix");
    return putRule(new SamplingRule(prefix, true, checkRatio(p), bound(p), rate(p)));
  }

  private Sampling putRule(SamplingRule rule) {
    synchronized (lock) {
      rules.put(key(rule.pattern(), rule.logger()), rule);
      replace(state.headRatio, state.alwaysKeep);
    }
    onChanged.run();
    return this;
  }

  private static String key(String pattern, boolean logger) {
    return (logger ? "logger:" : "event:") + pattern;
  }

  @Override
  public boolean removeRule(String pattern) {
    boolean removed;
    synchronized (lock) {
      removed =
          rules.remove(key(pattern, false)) != null | rules.remove(key(pattern, true)) != null;
      replace(state.headRatio, state.alwaysKeep);
    }
    onChanged.run();
    return removed;
  }

  /** Under the lock: the new snapshot, then the version. */
  private void replace(double headRatio, int alwaysKeep) {
    state = new State(headRatio, alwaysKeep, rules, plainDrops);
    version++;
  }

  @Override
  public Sampling level(String prefix, Level level) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(level, "level");
    synchronized (lock) {
      levels.put(prefix, level);
      version++;
    }
    onChanged.run();
    return this;
  }

  private static double checkRatio(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("a probability must be in [0, 1], was " + p);
    }
    return p;
  }

  private static Level checkAlwaysKeep(Level level) {
    Objects.requireNonNull(level, "level");
    if (level.ordinal() > Level.WARN.ordinal()) {
      throw new IllegalArgumentException(
          "errors are never sampled: alwaysKeep must be WARN or lower");
    }
    return level;
  }
}
