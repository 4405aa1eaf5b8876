package dev.correlog;

import dev.correlog.context.TraceContext;
import dev.correlog.internal.Engine;
import dev.correlog.internal.LoggerName;
import dev.correlog.internal.Metrics;
import dev.correlog.internal.NoopEventBuilder;

/**
 * Starts events on behalf of one class or name, written as {@code logger}. Get one from {@link
 * Correlog#logger(Class)} and keep it in a {@code static final} field.
 *
 * <pre>{@code
 * private static final EventLogger log = correlog.logger(Orders.class);
 * log.info("order.placed").field("user_id", 12345).message("order placed").emit();
 * }</pre>
 *
 * An event below the logger's level returns a shared no-op builder: no allocation, no encoding.
 *
 * <p>Bad input never throws: a null or empty event name is the event named {@code log}; a null
 * level is {@link Level#INFO}.
 */
public final class EventLogger {
  private final Engine engine;
  private final LoggerName name;
  private final Metrics shared; // null: kept by its Correlog, counts in its own fields
  private volatile int threshold;
  private volatile int levelsVersion; // for a logger not kept: the levels its threshold is from
  private long disabled; // plain on purpose: see Counters.disabled()
  private long sampledOut; // likewise

  EventLogger(Engine engine, String name, Level level) {
    this.engine = engine;
    this.name = LoggerName.of(name);
    this.threshold = level.ordinal();
    this.shared = null;
  }

  private EventLogger(Engine engine, String name) {
    this.engine = engine;
    this.name = LoggerName.of(name);
    this.shared = engine.metrics();
    this.levelsVersion = engine.sampler().levelsVersion(); // read before the level it gives
    this.threshold = engine.sampler().levelFor(name).ordinal();
  }

  /**
   * A logger its {@link Correlog} does not keep (past its bound on names): it counts in the
   * instance's shared counters and rereads its level when levels have changed since.
   */
  static EventLogger uncached(Engine engine, String name) {
    return new EventLogger(engine, name);
  }

  private int threshold() {
    if (shared != null) {
      int v = engine.sampler().levelsVersion();
      if (v != levelsVersion) {
        threshold = engine.sampler().levelFor(name.name()).ordinal();
        levelsVersion = v;
      }
    }
    return threshold;
  }

  public String name() {
    return name.name();
  }

  public EventBuilder trace(String event) {
    return at(Level.TRACE, event, null);
  }

  public EventBuilder debug(String event) {
    return at(Level.DEBUG, event, null);
  }

  public EventBuilder info(String event) {
    return at(Level.INFO, event, null);
  }

  public EventBuilder warn(String event) {
    return at(Level.WARN, event, null);
  }

  public EventBuilder error(String event) {
    return at(Level.ERROR, event, null);
  }

  /** Starts an event named {@code event} at {@code level}, in the calling thread's context. */
  public EventBuilder at(Level level, String event) {
    return at(level, event, null);
  }

  /**
   * Starts an event named {@code event} at {@code level} that belongs to {@code context}: captured
   * by the caller where the event happened (an SLF4J call, a Logback event handed to another
   * thread), its ids are written and the sampling decision is made from it, not from the calling
   * thread's context. Null: the calling thread's context, as {@link #at(Level, String)}.
   */
  public EventBuilder at(Level level, String event, TraceContext context) {
    if (level == null) {
      level = Level.INFO;
    }
    if (level.ordinal() < threshold()) {
      if (shared != null) {
        shared.disabled.increment();
      } else {
        disabled++;
      }
      return NoopEventBuilder.INSTANCE;
    }
    EventBuilder b = engine.start(level, event, name, context);
    if (b == null) {
      if (shared != null) {
        shared.sampledOut.increment();
      } else {
        sampledOut++;
      }
      return NoopEventBuilder.INSTANCE;
    }
    return b;
  }

  /** True when events at {@code level} pass this logger's level (sampling may still drop them). */
  public boolean isEnabled(Level level) {
    return (level == null ? Level.INFO : level).ordinal() >= threshold();
  }

  /** This logger's level. */
  public Level level() {
    return Level.values()[threshold()];
  }

  void level(Level level) {
    this.threshold = level.ordinal();
  }

  /** Events below this logger's level (see {@link Counters#disabled()}). */
  long disabledCount() {
    return disabled;
  }

  /** Events sampling dropped here. */
  long sampledOutCount() {
    return sampledOut;
  }

  @Override
  public String toString() {
    return "EventLogger{" + name.name() + ", " + level() + "}";
  }
}
