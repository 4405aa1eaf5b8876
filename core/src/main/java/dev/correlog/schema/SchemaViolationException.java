package dev.correlog.schema;

import java.util.List;

/** Thrown by {@code emit()} in {@link SchemaMode#STRICT} when an event breaks the rules. */
public final class SchemaViolationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String event;
  private final String field;
  private final List<String> violations;

  public SchemaViolationException(String event, String field, List<String> violations) {
    super("event '" + event + "' violates its schema: " + String.join("; ", violations));
    this.event = event;
    this.field = field;
    this.violations = List.copyOf(violations);
  }

  /** The event's name. */
  public String event() {
    return event;
  }

  /** The first field at fault, or null when the fault is not one field's. */
  public String field() {
    return field;
  }

  /** Every violation found in the event, in the order found. */
  public List<String> violations() {
    return violations;
  }
}
