package dev.correlog;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * One event being built: add fields, optionally a message and an error, then {@link #emit()}.
 *
 * <pre>{@code
 * log.info("order.placed").field("user_id", 12345).field("amount", 99.99).message("order placed").emit();
 * }</pre>
 *
 * <p>A builder is reused once emitted: do not keep it, and call {@code emit()} exactly once. An
 * event that is disabled or sampled out returns a shared builder that ignores every call, so the
 * whole chain costs nearly nothing and allocates nothing.
 *
 * <p>Field names are lowercase snake_case, optionally dotted ({@code http.status_code}); a field
 * can never overwrite an envelope field. Breaking a rule is a schema violation: in lenient mode the
 * line is written with {@code schema_errors}; in strict mode {@code emit()} throws. An event
 * bridged from elsewhere chooses another {@link FieldNamePolicy} with {@link #fieldNames}.
 *
 * <p>An event that did not happen here, now (an SLF4J call, a Logback event on an appender thread)
 * carries its own time, thread and context:
 *
 * <pre>{@code
 * log.at(Level.INFO, "log", capturedContext)
 *     .fieldNames(FieldNamePolicy.KEEP)
 *     .timestamp(eventInstant)
 *     .thread(eventThreadName)
 *     .field("userId", 42)
 *     .message("user logged in")
 *     .emit();
 * }</pre>
 *
 * <p>A null field value is written as JSON {@code null}; a null message or error writes nothing.
 */
public interface EventBuilder {
  EventBuilder field(String name, CharSequence value);

  EventBuilder field(String name, long value);

  EventBuilder field(String name, int value);

  EventBuilder field(String name, double value);

  EventBuilder field(String name, float value);

  EventBuilder field(String name, boolean value);

  EventBuilder field(String name, Instant value);

  EventBuilder field(String name, Enum<?> value);

  /**
   * Any other value: numbers, booleans and strings by their type; other objects through Jackson's
   * {@code ObjectMapper} when jackson-databind is on the class path, else {@code toString()}. A
   * value whose rendering throws or recurses is written as a marker and counted, never rethrown.
   */
  EventBuilder field(String name, Object value);

  /** A nested JSON object: {@code .field("address", a -> a.field("city", "Lyon"))}. */
  EventBuilder field(String name, Consumer<ObjectBuilder> object);

  /** The human-readable {@code message}. */
  EventBuilder message(CharSequence message);

  /** Records {@code error.type}, {@code error.message} and {@code error.stack} with causes. */
  EventBuilder error(Throwable throwable);

  /**
   * The event's own time, instead of the clock's at {@link #emit()}. Written with microseconds;
   * times before year 0 or after 9999 are clamped to those years. Null: the clock's time.
   */
  EventBuilder timestamp(Instant timestamp);

  /** {@link #timestamp(Instant)} from microseconds since the epoch; no object needed. */
  EventBuilder timestampMicros(long epochMicros);

  /**
   * The name of the thread the event happened on, instead of the emitting thread's. Null: the line
   * carries no {@code thread}. Ignored when the instance was built with {@code
   * includeThread(false)}.
   */
  EventBuilder thread(String name);

  /**
   * How the names of the fields that follow are treated; {@link FieldNamePolicy#STRICT} until
   * called. Call it before any field. A null policy is ignored. Under {@code KEEP} and {@code
   * SNAKE_CASE}, {@code emit()} never throws, even in strict schema mode: a broken schema is
   * written as {@code schema_errors}.
   */
  EventBuilder fieldNames(FieldNamePolicy policy);

  /** Whether this event will be written; false for the shared builder of a dropped event. */
  boolean isEnabled();

  /** Writes the line. Never throws, except {@code SchemaViolationException} in strict mode. */
  void emit();
}
