package dev.correlog.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Renders values of types the builder does not know: through Jackson's ObjectMapper when
 * jackson-databind is on the class path, else {@code toString()}. Jackson writes straight into the
 * line's buffer through a bounded writer that stops at the buffer's limit, and nesting is bounded
 * by {@link #MAX_DEPTH}, so a huge or self-containing value costs at most the line cap, never the
 * heap. Never throws: what cannot be rendered is reported to the caller, which writes a marker.
 */
public final class ValueRenderer {
  /** Deepest nesting Jackson may write inside one value. */
  public static final int MAX_DEPTH = 64;

  /** {@link #writeJson}: the value was written whole. */
  public static final int WRITTEN = 0;

  /** {@link #writeJson}: the value did not fit under the limit; nothing was kept. */
  public static final int OVERFLOW = 1;

  /** {@link #writeJson}: Jackson is absent or could not render the value; nothing was kept. */
  public static final int NOT_RENDERED = 2;

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
   * Writes {@code value} as compact JSON into {@code out}, stopping at its limit. Returns {@link
   * #WRITTEN}, {@link #OVERFLOW} ({@code out.overflowed()} is set) or {@link #NOT_RENDERED}
   * (Jackson absent, a bean without properties, or a failure: use {@link #toStringSafely}).
   */
  public static int writeJson(Object value, JsonBuffer out) {
    if (MAPPER == null) {
      return NOT_RENDERED;
    }
    int mark = out.mark();
    BoundedWriter w = new BoundedWriter(out);
    try {
      Jackson.write(MAPPER, value, w);
      if (out.endJsonText(w.high)) {
        return WRITTEN;
      }
      w.overflow = true;
    } catch (Exception | StackOverflowError | LinkageError e) {
      // Jackson wraps what it catches: the writer's own flag tells an overflow apart.
    }
    out.rollback(mark);
    if (w.overflow) {
      out.markOverflow();
      return OVERFLOW;
    }
    return NOT_RENDERED;
  }

  /**
   * {@code value.toString()}, or a marker naming what it threw (or that it returned null), counted
   * in {@code errors}.
   */
  public static String toStringSafely(Object value, LongAdder errors) {
    String s;
    try {
      s = value.toString();
    } catch (VirtualMachineError e) {
      if (!(e instanceof StackOverflowError)) {
        throw e;
      }
      errors.increment();
      return threw(value, e);
    } catch (Throwable e) { // NOPMD: a user's toString() may throw anything
      errors.increment();
      return threw(value, e);
    }
    if (s == null) {
      errors.increment();
      return "[toString() of " + value.getClass().getName() + " returned null]";
    }
    return s;
  }

  private static String threw(Object value, Throwable e) {
    return "[toString() of "
        + value.getClass().getName()
        + " threw "
        + e.getClass().getName()
        + "]";
  }

  /** Stops Jackson at the buffer's limit without building anything bigger than its own chunk. */
  private static final class Stop extends IOException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super("line cap reached");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // shared and thrown often: no stack
    }
  }

  private static final Stop STOP = new Stop();

  /** A {@link Writer} over a {@link JsonBuffer}: UTF-8, line-safe, bounded. */
  private static final class BoundedWriter extends Writer {
    private final JsonBuffer out;
    char high;
    boolean overflow;

    BoundedWriter(JsonBuffer out) {
      this.out = out;
    }

    @Override
    public void write(char[] c, int off, int len) throws IOException {
      if (overflow) {
        throw STOP;
      }
      int r = out.jsonText(c, off, len, high);
      if (r < 0) {
        overflow = true;
        throw STOP;
      }
      high = (char) r;
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      char[] chunk = new char[Math.min(len, 1024)];
      for (int i = 0; i < len; i += chunk.length) {
        int n = Math.min(chunk.length, len - i);
        s.getChars(off + i, off + i + n, chunk, 0);
        write(chunk, 0, n);
      }
    }

    @Override
    public void write(int c) throws IOException {
      write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** Touches Jackson; loaded only when it is present. */
  private static final class Jackson {
    static Object create() {
      com.fasterxml.jackson.databind.ObjectMapper m =
          new com.fasterxml.jackson.databind.ObjectMapper(factory());
      // A bean with no properties is not rendered as {}: its toString() is written instead.
      m.enable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS);
      m.disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
      m.disable(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
      m.findAndRegisterModules();
      return m;
    }

    private static com.fasterxml.jackson.core.JsonFactory factory() {
      try {
        return com.fasterxml.jackson.core.JsonFactory.builder()
            .streamWriteConstraints(
                com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .build())
            .build();
      } catch (LinkageError e) {
        return new com.fasterxml.jackson.core.JsonFactory(); // Jackson before 2.16: no limits
      }
    }

    static void write(Object mapper, Object value, Writer w) throws IOException {
      com.fasterxml.jackson.databind.ObjectMapper m =
          (com.fasterxml.jackson.databind.ObjectMapper) mapper;
      try (com.fasterxml.jackson.core.JsonGenerator g = m.getFactory().createGenerator(w)) {
        m.writeValue(g, value);
      }
    }
  }
}
