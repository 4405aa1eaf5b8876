package dev.correlog.schema;

/** What happens when an event breaks its declared schema. */
public enum SchemaMode {
  /**
   * Tests and development: {@code emit()} throws {@link SchemaViolationException} naming the event
   * and field, and nothing is written.
   */
  STRICT,
  /**
   * Production (the default): the line is written with a {@code schema_errors} array, the violation
   * counter goes up, and nothing is thrown.
   */
  LENIENT
}
