package dev.correlog.internal;

/**
 * Renders values of types the builder does not know: through Jackson's ObjectMapper when
 * jackson-databind is on the class path, else {@code toString()}. Never throws: a rendering that
 * throws or recurses yields a marker string.
 */
public final class ValueRenderer {
  private static final Object MAPPER = jacksonMapper();

  private ValueRenderer() {}

  private static Object jacksonMapper() {
    try {
      Class.forName(
          "com.fasterxml.jackson.databind.ObjectMapper",
          false,
          ValueRenderer.class.getClassLoader());
      return Jackson.create();
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** True when objects are rendered as JSON by Jackson. */
  public static boolean jacksonAvailable() {
    return MAPPER != null;
  }

  /**
   * Compact JSON bytes for {@code value} (one line: Jackson escapes control characters), or null
   * when Jackson is absent or failed; then use {@link #toStringSafely(Object)}.
   */
  public static byte[] json(Object value) {
    if (MAPPER == null) {
      return null;
    }
    try {
      return Jackson.write(MAPPER, value);
    } catch (Exception | StackOverflowError | LinkageError e) {
      return null;
    }
  }

  /** {@code value.toString()}, or a marker naming what it threw, counted in {@code errors}. */
  public static String toStringSafely(Object value, java.util.concurrent.atomic.LongAdder errors) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      errors.increment();
      return "[toString() of "
          + value.getClass().getName()
          + " threw "
          + e.getClass().getName()
          + "]";
    }
  }

  /** Touches Jackson; loaded only when it is present. */
  private static final class Jackson {
    static Object create() {
      com.fasterxml.jackson.databind.ObjectMapper m =
          new com.fasterxml.jackson.databind.ObjectMapper();
      m.disable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS);
      m.disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
      m.findAndRegisterModules();
      return m;
    }

    static byte[] write(Object mapper, Object value) throws Exception {
      return ((com.fasterxml.jackson.databind.ObjectMapper) mapper).writeValueAsBytes(value);
    }
  }
}
