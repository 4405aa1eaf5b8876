package dev.correlog.sampling;

/**
 * Holds the lines of a request that sampling dropped, and writes them, in order and marked {@code
 * "sampled_by":"error_flush"}, just before the first ERROR logged in that request; when the request
 * ends without an error they are discarded. Bounded per request in lines and bytes, and in bytes
 * across all requests; lines past a bound are not held (and counted).
 *
 * <p>A request is the trace id of the current context; it ends when the last open scope of that
 * trace in this process closes, on whichever thread: the ERROR of one thread of the trace writes
 * what its other threads (async continuations, a consumer's or a server's thread) held, also after
 * they left. With error flush off (the default) a dropped line costs nothing; with it on, a dropped
 * line inside a request is encoded and copied, and each scope counts itself at attach and close.
 *
 * <p>A value: two with the same bounds are equal. Not a {@code record}, so that calling {@code
 * equals}, {@code hashCode} or {@code toString} leaves nothing of the application's class loader in
 * the JDK (core/RATIONALE.md, "Redeploy").
 */
public final class ErrorFlush {
  private final int maxLinesPerRequest;
  private final int maxBytesPerRequest;
  private final long maxTotalBytes;

  /**
   * @throws IllegalArgumentException when a bound is not positive, or the total is below one
   *     request's bytes
   */
  public ErrorFlush(int maxLinesPerRequest, int maxBytesPerRequest, long maxTotalBytes) {
    if (maxLinesPerRequest < 1 || maxBytesPerRequest < 1 || maxTotalBytes < maxBytesPerRequest) {
      throw new IllegalArgumentException(
          "error flush bounds must be positive, and the total at least one request's bytes");
    }
    this.maxLinesPerRequest = maxLinesPerRequest;
    this.maxBytesPerRequest = maxBytesPerRequest;
    this.maxTotalBytes = maxTotalBytes;
  }

  /** 256 lines and 256 KiB per request, 32 MiB in all. */
  public static ErrorFlush defaults() {
    return new ErrorFlush(256, 256 * 1024, 32L * 1024 * 1024);
  }

  /** Lines held per request at most. */
  public int maxLinesPerRequest() {
    return maxLinesPerRequest;
  }

  /** Bytes held per request at most. */
  public int maxBytesPerRequest() {
    return maxBytesPerRequest;
  }

  /** Bytes held across all requests at most. */
  public long maxTotalBytes() {
    return maxTotalBytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorFlush other
        && other.maxLinesPerRequest == maxLinesPerRequest
        && other.maxBytesPerRequest == maxBytesPerRequest
        && other.maxTotalBytes == maxTotalBytes;
  }

  @Override
  public int hashCode() {
    return (31 * maxLinesPerRequest + maxBytesPerRequest) * 31 + Long.hashCode(maxTotalBytes);
  }

  @Override
  public String toString() {
    return "ErrorFlush[maxLinesPerRequest="
        + maxLinesPerRequest
        + ", maxBytesPerRequest="
        + maxBytesPerRequest
        + ", maxTotalBytes="
        + maxTotalBytes
        + "]";
  }
}
