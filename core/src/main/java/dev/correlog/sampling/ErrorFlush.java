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
 */
public record ErrorFlush(int maxLinesPerRequest, int maxBytesPerRequest, long maxTotalBytes) {
  public ErrorFlush {
    if (maxLinesPerRequest < 1 || maxBytesPerRequest < 1 || maxTotalBytes < maxBytesPerRequest) {
      throw new IllegalArgumentException(
          "error flush bounds must be positive, and the total at least one request's bytes");
    }
  }

  /** 256 lines and 256 KiB per request, 32 MiB in all. */
  public static ErrorFlush defaults() {
    return new ErrorFlush(256, 256 * 1024, 32L * 1024 * 1024);
  }
}
