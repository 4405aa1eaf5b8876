package dev.correlog.internal.propagation;

/**
 * The reused per-thread {@code char[]} that {@code traceparent} and {@code b3} values are written
 * into, so that injecting allocates only the header string.
 */
final class InjectBuffer {
  /** Longest value written through the buffer: a b3 single header or a traceparent. */
  static final int SIZE = 64;

  private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[SIZE]);

  private InjectBuffer() {}

  static char[] get() {
    return BUFFER.get();
  }
}
