package dev.correlog;

import dev.correlog.internal.Engine;
import dev.correlog.internal.Envelope;
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
 */
public final class EventLogger implements Engine.DisabledCounter {
  private final Engine engine;
  private final String name;
  private final byte[] loggerField;
  private volatile int threshold;
  private long disabled; // plain on purpose: see Counters.disabled()
  private long sampledOut; // likewise

  EventLogger(Engine engine, String name, Level level) {
    this.engine = engine;
    this.name = name;
    this.loggerField = Envelope.loggerField(name);
    this.threshold = level.ordinal();
  }

  public String name() {
    return name;
  }

  public EventBuilder trace(String event) {
    return at(Level.TRACE, event);
  }

  public EventBuilder debug(String event) {
    return at(Level.DEBUG, event);
  }

  public EventBuilder info(String event) {
    return at(Level.INFO, event);
  }

  public EventBuilder warn(String event) {
    return at(Level.WARN, event);
  }

  public EventBuilder error(String event) {
    return at(Level.ERROR, event);
  }

  /** Starts an event named {@code event} at {@code level}. */
  public EventBuilder at(Level level, String event) {
    if (level.ordinal() < threshold) {
      disabled++;
      return NoopEventBuilder.INSTANCE;
    }
    EventBuilder b = engine.start(level, event, name, loggerField);
    if (b == null) {
      sampledOut++;
      return NoopEventBuilder.INSTANCE;
    }
    return b;
  }

  /** True when events at {@code level} pass this logger's level (sampling may still drop them). */
  public boolean isEnabled(Level level) {
    return level.ordinal() >= threshold;
  }

  /** This logger's level. */
  public Level level() {
    return Level.values()[threshold];
  }

  void level(Level level) {
    this.threshold = level.ordinal();
  }

  @Override
  public long disabledCount() {
    return disabled;
  }

  @Override
  public long sampledOutCount() {
    return sampledOut;
  }

  @Override
  public String toString() {
    return "EventLogger{" + name + ", " + level() + "}";
  }
}
