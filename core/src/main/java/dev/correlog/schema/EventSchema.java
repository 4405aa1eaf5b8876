package dev.correlog.schema;

import dev.correlog.internal.FieldNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The declared shape of one event: its fields, their types, which are required, maximum string
 * lengths, and which are sensitive (always written as {@code "[REDACTED]"}).
 *
 * <pre>{@code
 * EventSchema.named("order.placed")
 *     .requiredLong("user_id")
 *     .requiredDouble("amount")
 *     .optionalString("coupon", 32)
 *     .sensitive("card_number");
 * }</pre>
 *
 * Each call checks its arguments and fails at once with {@link IllegalArgumentException}. Register
 * the schema with {@code Correlog.builder().schema(..)}; it is compiled once there.
 */
public final class EventSchema {
  /** At most this many fields per schema, so that presence fits one bit mask. */
  public static final int MAX_FIELDS = 64;

  private final String event;
  private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
  private UnknownFields unknownFields = UnknownFields.ALLOW;
  private String description;

  private EventSchema(String event) {
    this.event = event;
  }

  /** Starts the schema of the event named {@code event} (lowercase, dots and underscores). */
  public static EventSchema named(String event) {
    Objects.requireNonNull(event, "event");
    if (!FieldNames.isValidEventName(event)) {
      throw new IllegalArgumentException(
          "invalid event name '" + event + "': use lowercase letters, digits, '_', '.' and '-'");
    }
    return new EventSchema(event);
  }

  public EventSchema requiredString(String name) {
    return add(name, FieldType.STRING, true, -1);
  }

  public EventSchema requiredString(String name, int maxLength) {
    return add(name, FieldType.STRING, true, maxLength);
  }

  public EventSchema optionalString(String name) {
    return add(name, FieldType.STRING, false, -1);
  }

  public EventSchema optionalString(String name, int maxLength) {
    return add(name, FieldType.STRING, false, maxLength);
  }

  public EventSchema requiredLong(String name) {
    return add(name, FieldType.LONG, true, -1);
  }

  public EventSchema optionalLong(String name) {
    return add(name, FieldType.LONG, false, -1);
  }

  public EventSchema requiredDouble(String name) {
    return add(name, FieldType.DOUBLE, true, -1);
  }

  public EventSchema optionalDouble(String name) {
    return add(name, FieldType.DOUBLE, false, -1);
  }

  public EventSchema requiredBoolean(String name) {
    return add(name, FieldType.BOOLEAN, true, -1);
  }

  public EventSchema optionalBoolean(String name) {
    return add(name, FieldType.BOOLEAN, false, -1);
  }

  public EventSchema requiredTimestamp(String name) {
    return add(name, FieldType.TIMESTAMP, true, -1);
  }

  public EventSchema optionalTimestamp(String name) {
    return add(name, FieldType.TIMESTAMP, false, -1);
  }

  public EventSchema requiredObject(String name) {
    return add(name, FieldType.OBJECT, true, -1);
  }

  public EventSchema optionalObject(String name) {
    return add(name, FieldType.OBJECT, false, -1);
  }

  /**
   * Marks {@code name} sensitive: whatever value is logged, {@code "[REDACTED]"} is written. A
   * field not yet declared is declared as an optional string.
   */
  public EventSchema sensitive(String name) {
    FieldSpec spec = fields.get(name);
    if (spec == null) {
      optionalString(name);
      spec = fields.get(name);
    }
    fields.put(name, spec.asSensitive());
    return this;
  }

  /** What to do with fields this schema does not declare (default {@link UnknownFields#ALLOW}). */
  public EventSchema unknownFields(UnknownFields policy) {
    this.unknownFields = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** A human description, exported into the JSON Schema document. */
  public EventSchema description(String description) {
    this.description = description;
    return this;
  }

  private EventSchema add(String name, FieldType type, boolean required, int maxLength) {
    Objects.requireNonNull(name, "name");
    if (!FieldNames.isValid(name)) {
      throw new IllegalArgumentException(
          "invalid field name '"
              + name
              + "' in schema '"
              + event
              + "': use lowercase snake_case, optionally dotted (http.status_code)");
    }
    if (FieldNames.isReserved(name)) {
      throw new IllegalArgumentException(
          "field '"
              + name
              + "' in schema '"
              + event
              + "' is an envelope field and cannot be declared");
    }
    if (fields.containsKey(name)) {
      throw new IllegalArgumentException(
          "field '" + name + "' is declared twice in schema '" + event + "'");
    }
    if (fields.size() == MAX_FIELDS) {
      throw new IllegalArgumentException(
          "schema '" + event + "' declares more than " + MAX_FIELDS + " fields");
    }
    if (maxLength == 0 || maxLength < -1) {
      throw new IllegalArgumentException("maxLength of '" + name + "' must be positive");
    }
    fields.put(name, new FieldSpec(name, type, required, maxLength, false));
    return this;
  }

  public String event() {
    return event;
  }

  /** The declared fields, in declaration order. */
  public Map<String, FieldSpec> fields() {
    return java.util.Collections.unmodifiableMap(fields);
  }

  public UnknownFields unknownFields() {
    return unknownFields;
  }

  public String description() {
    return description;
  }

  /**
   * One declared field: its name, type, whether it is required, its maximum string length ({@code
   * -1} for none), and whether it is sensitive. A value: two with the same parts are equal. Not a
   * {@code record}, so that calling {@code equals}, {@code hashCode} or {@code toString} leaves
   * nothing of the application's class loader in the JDK (core/RATIONALE.md, "Redeploy").
   */
  public static final class FieldSpec {
    private final String name;
    private final FieldType type;
    private final boolean required;
    private final int maxLength;
    private final boolean sensitive;

    public FieldSpec(
        String name, FieldType type, boolean required, int maxLength, boolean sensitive) {
      this.name = name;
      this.type = type;
      this.required = required;
      this.maxLength = maxLength;
      this.sensitive = sensitive;
    }

    FieldSpec asSensitive() {
      return new FieldSpec(name, type, required, maxLength, true);
    }

    public String name() {
      return name;
    }

    public FieldType type() {
      return type;
    }

    public boolean required() {
      return required;
    }

    /** The maximum length of a string value, or {@code -1} for none. */
    public int maxLength() {
      return maxLength;
    }

    /** Whether every value is written as {@code "[REDACTED]"}. */
    public boolean sensitive() {
      return sensitive;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FieldSpec other
          && Objects.equals(other.name, name)
          && other.type == type
          && other.required == required
          && other.maxLength == maxLength
          && other.sensitive == sensitive;
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(name);
      h = 31 * h + Objects.hashCode(type);
      h = 31 * h + Boolean.hashCode(required);
      h = 31 * h + maxLength;
      return 31 * h + Boolean.hashCode(sensitive);
    }

    @Override
    public String toString() {
      return "FieldSpec[name="
          + name
          + ", type="
          + (type == null ? "null" : type.name())
          + ", required="
          + required
          + ", maxLength="
          + maxLength
          + ", sensitive="
          + sensitive
          + "]";
    }
  }
}
