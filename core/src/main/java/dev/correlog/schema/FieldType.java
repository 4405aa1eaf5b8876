package dev.correlog.schema;

/** The type of a declared field, and the JSON it is written as. */
public enum FieldType {
  /** A JSON string; also what enums and {@code CharSequence}s are written as. */
  STRING("string"),
  /** A JSON integer: {@code int} and {@code long} values. */
  LONG("integer"),
  /** A JSON number: {@code float} and {@code double} values (integers are accepted too). */
  DOUBLE("number"),
  BOOLEAN("boolean"),
  /** An RFC 3339 string, from an {@link java.time.Instant}. */
  TIMESTAMP("string"),
  /** A nested JSON object. */
  OBJECT("object");

  private final String jsonType;

  FieldType(String jsonType) {
    this.jsonType = jsonType;
  }

  /** The JSON Schema {@code type} keyword for this type. */
  public String jsonType() {
    return jsonType;
  }

  /** Lowercase name used in violation messages. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True when a value written as {@code actual} satisfies a field declared as this type. */
  public boolean accepts(FieldType actual) {
    return this == actual || (this == DOUBLE && actual == LONG);
  }
}
