package dev.correlog;

import dev.correlog.context.TraceContext;
import dev.correlog.internal.Engine;
import dev.correlog.internal.LoggerName;
import dev.correlog.internal.NoopEventBuilder;
import dev.correlog.internal.ScopeStack;
import dev.correlog.internal.StripedCount;

/**
 * Starts events on behalf of one class or name, written as {@code logger}. Get one from {@link
 * Correlog#logger(Class)} and keep it in a {@code static final} field.
 *
 * <pre>{@code
 * private static final EventLogger log = correlog.logger(Orders.class);
 * log.info("order.placed").field("user_id", 12345).message("order placed").emit();
 * }</pre>
 *
 * An event below the logger's level returns a shared no-op builder: no allocation, no encoding. So
 * does an event sampling drops; in a scope decided not sampled that decision costs about one
 * thread-local lookup, as the scope noted it when attached.
 *
 * <p>Bad input never throws: a null or empty event name is the event named {@code log}; a null
 * level is {@link Level#INFO}.
 */
public final class EventLogger {
  private final Engine engine;
  private final LoggerName name;
  private final boolean kept; // false: past its Correlog's bound, rereads its level per event

  /**
   * What {@link #at} reads first, one volatile int: bits 0-7 this logger's threshold (a level
   * ordinal), bits 8-15 the level below which an event of the calling thread's context, when that
   * context is decided not sampled, is dropped here without asking the engine ({@code
   * Sampler.decidedDropBelow()}, 0 when rules, error flush or error boost need the engine), bit 16
   * {@link #COUNT_DISABLED}. 0 for a logger not kept: every event takes {@link #full}, which
   * rereads the level.
   */
  private volatile int gate;

  /** In {@link #gate}: disabled events are counted ({@code Correlog.Builder.countDisabled}). */
  private static final int COUNT_DISABLED = 1 << 16;

  private volatile int threshold;
  private volatile int version; // a logger not kept: the sampler version its threshold is from

  // Its Correlog's counts, by thread, not a field here that every thread would store into.
  private final StripedCount sampledOut;
  private final StripedCount disabled;

  EventLogger(Engine engine, String name) {
    this(engine, name, true);
    refresh();
  }

  private EventLogger(Engine engine, String name, boolean kept) {
    this.engine = engine;
    this.name = LoggerName.of(name);
    this.kept = kept;
    this.sampledOut = engine.metrics().sampledOutAtLogger;
    this.disabled = engine.metrics().disabled;
    if (kept) {
      return;
    }
    this.version = engine.sampler().version(); // read before the level it gives
    this.threshold = engine.sampler().levelFor(name).ordinal();
  }

  /**
   * A logger its {@link Correlog} does not keep (past its bound on names): it rereads its level
   * when levels have changed since.
   */
  static EventLogger uncached(Engine engine, String name) {
    return new EventLogger(engine, name, false);
  }

  /**
   * Rereads the level and the drop bound from the sampler: a kept logger, when made and whenever
   * the sampler changes (its Correlog calls this, serialised, after each change).
   */
  void refresh() {
    int t = engine.sampler().levelFor(name.name()).ordinal();
    threshold = t;
    gate =
        t
            | engine.sampler().decidedDropBelow() << 8
            | (engine.metrics().countDisabled ? COUNT_DISABLED : 0);
  }

  private int threshold() {
    if (!kept) {
      int v = engine.sampler().version();
      if (v != version) {
        threshold = engine.sampler().levelFor(name.name()).ordinal();
        version = v;
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
    int o = level == null ? Level.INFO.ordinal() : level.ordinal();
    int g = gate;
    if (o < (g & 0xff)) {
      if ((g & COUNT_DISABLED) != 0) {
        disabled.increment(); // off by default: a store here is most of a disabled event's cost
      }
      return NoopEventBuilder.INSTANCE;
    }
    // The common drop, one read of the scope the thread is in: the decision does not change
    // within a scope, so it was taken when the scope was attached (ScopeStack).
    if (o < (g >>> 8 & 0xff) && context == null && ScopeStack.currentDecidedNotSampled()) {
      sampledOut.increment();
      return NoopEventBuilder.INSTANCE;
    }
    return full(level == null ? Level.INFO : level, event, context);
  }

  /** Everything {@link #at} did not settle: a logger not kept, a kept event, any other drop. */
  private EventBuilder full(Level level, String event, TraceContext context) {
    if (level.ordinal() < threshold()) {
      if (engine.metrics().countDisabled) {
        disabled.increment();
      }
      return NoopEventBuilder.INSTANCE;
    }
    EventBuilder b = engine.start(level, event, name, context);
    if (b == null) {
      sampledOut.increment();
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

  @Override
  public String toString() {
    return "EventLogger{" + name.name() + ", " + level() + "}";
  }
}
