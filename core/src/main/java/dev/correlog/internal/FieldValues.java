package dev.correlog.internal;

import java.time.Instant;

/**
 * The values of a {@link FieldBuffer} that may fail while written (a {@code toString()} or a {@code
 * CharSequence} that throws, say): each written whole into the buffer or replaced by a marker,
 * never throwing into the application.
 */
final class FieldValues {
  private FieldValues() {}

  /** Writes a timestamp whole, or a marker. */
  static void timestamp(JsonBuffer buf, TimestampWriter timestamps, Instant t, Metrics metrics) {
    int mark = buf.mark();
    try {
      timestamps.write(buf, t.getEpochSecond(), t.getNano());
    } catch (Throwable e) { // NOPMD: writing a value never throws into the application
      failed(buf, mark, t, e, metrics);
    }
  }

  /** Writes a string whole (cut at {@code maxChars} with the marker), or a failure marker. */
  static void string(JsonBuffer buf, CharSequence value, int maxChars, Metrics metrics) {
    int mark = buf.mark();
    try {
      buf.string(value, maxChars);
    } catch (Throwable e) { // NOPMD: a CharSequence mutated while written, a throwing charAt()
      failed(buf, mark, value, e, metrics);
    }
  }

  /**
   * Any object, written whole or replaced by a marker: numbers from their own digits, other objects
   * through Jackson when available (bounded by the buffer's limit), else their string.
   */
  static void anyValue(
      JsonBuffer buf,
      Object value,
      int maxChars,
      Metrics metrics,
      dev.correlog.Redaction redaction) {
    int mark = buf.mark();
    try {
      if (value instanceof Number) {
        NumberWriter.write(buf, (Number) value);
        return;
      }
      if (ValueRenderer.writeJson(value, buf) != ValueRenderer.NOT_RENDERED) {
        return;
      }
      String text = ValueRenderer.toStringSafely(value, metrics.encodingErrors);
      buf.string(redaction == null ? text : redaction.apply(text), maxChars);
    } catch (Throwable e) { // NOPMD: writing a value never throws into the application
      failed(buf, mark, value, e, metrics);
    }
  }

  /**
   * Rolls the value back to {@code mark}, writes a marker naming the value's class and the
   * throwable, and counts it. A {@link VirtualMachineError} other than a stack overflow is the
   * application's business: rethrown after the marker is written.
   */
  static void failed(JsonBuffer buf, int mark, Object value, Throwable e, Metrics metrics) {
    buf.rollback(mark);
    metrics.encodingErrors.increment();
    buf.string(
        "[value of " + value.getClass().getName() + " failed: " + e.getClass().getName() + "]",
        256);
    if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
      throw (VirtualMachineError) e;
    }
  }
}
