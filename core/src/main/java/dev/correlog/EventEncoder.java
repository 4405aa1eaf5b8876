package dev.correlog;

import dev.correlog.context.TraceContext;
import dev.correlog.internal.Engine;
import dev.correlog.internal.LoggerName;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Writes events that come from elsewhere as Correlog lines into the caller's hands, for an encoder
 * that is not the Correlog sink (Logback's {@code Encoder}): the same envelope, field rules and
 * writer as {@link EventLogger}, without sampling. Get it from {@link Correlog#encoder()}.
 *
 * <pre>{@code
 * EventEncoder encoder = correlog.encoder();
 * byte[] line =
 *     encoder.begin(Level.INFO, "log", "com.acme.Orders", contextCapturedOnTheLoggingThread)
 *         .fieldNames(FieldNamePolicy.KEEP)
 *         .timestamp(Instant.ofEpochMilli(event.getTimeStamp()))
 *         .thread(event.getThreadName())
 *         .field("userId", 42)
 *         .message(event.getFormattedMessage())
 *         .toBytes(); // the whole line, with its '\n'
 * }</pre>
 *
 * <p>Thread-safe: several appender threads may use one encoder. A {@link Line} is used by one
 * thread and ended once, by {@link Line#toBytes()}, {@link Line#writeTo(OutputStream)} or {@link
 * Line#emit()}; it is reused afterwards, so do not keep it. Building a line allocates nothing on a
 * platform thread; {@code toBytes()} allocates the array it returns, {@code writeTo} nothing.
 *
 * <p>Null or empty names never throw: an event named {@code log}, the logger named {@code root}. A
 * null level is {@link Level#INFO}. In strict schema mode a line is never thrown on: a violation is
 * written as {@code schema_errors}, as in lenient mode. Lines handed back are not counted as {@link
 * Counters#emitted()} (the sink did not take them); schema violations, truncations and encoding
 * errors are.
 */
public final class EventEncoder {
  private final Engine engine;
  private final LoggerName[] loggers = new LoggerName[256]; // immutable entries, benign races

  EventEncoder(Engine engine) {
    this.engine = engine;
  }

  /**
   * Starts a line at {@code level}, named {@code event}, from the logger named {@code logger}, that
   * belongs to {@code context} (captured by the caller where the event happened; null: the calling
   * thread's current context, or a fresh root when there is none). Never null, never throws.
   */
  public Line begin(Level level, String event, String logger, TraceContext context) {
    return engine.line(level == null ? Level.INFO : level, event, loggerName(logger), context);
  }

  private LoggerName loggerName(String name) {
    if (name == null || name.isEmpty()) {
      return LoggerName.ROOT;
    }
    int slot = name.hashCode() & (loggers.length - 1);
    LoggerName cached = loggers[slot];
    if (cached != null && cached.name().equals(name)) {
      return cached;
    }
    LoggerName fresh = LoggerName.of(name);
    loggers[slot] = fresh;
    return fresh;
  }

  /**
   * One line being built: an {@link EventBuilder} (every method returns this line) that ends with
   * {@link #toBytes()} or {@link #writeTo(OutputStream)} instead of going to the sink; {@link
   * #emit()} still writes it to the Correlog's sink.
   */
  public interface Line extends EventBuilder {
    /** Ends the line: the whole line, UTF-8, with its {@code '\n'}; never null. */
    byte[] toBytes();

    /** Ends the line: writes it, with its {@code '\n'}, to {@code out}; allocates nothing. */
    void writeTo(OutputStream out) throws IOException;

    @Override
    Line field(String name, CharSequence value);

    @Override
    Line field(String name, long value);

    @Override
    Line field(String name, int value);

    @Override
    Line field(String name, double value);

    @Override
    Line field(String name, float value);

    @Override
    Line field(String name, boolean value);

    @Override
    Line field(String name, Instant value);

    @Override
    Line field(String name, Enum<?> value);

    @Override
    Line field(String name, Object value);

    @Override
    Line field(String name, Consumer<ObjectBuilder> object);

    @Override
    Line message(CharSequence message);

    @Override
    Line error(Throwable throwable);

    @Override
    Line timestamp(Instant timestamp);

    @Override
    Line timestampMicros(long epochMicros);

    @Override
    Line thread(String name);

    @Override
    Line fieldNames(FieldNamePolicy policy);
  }
}
