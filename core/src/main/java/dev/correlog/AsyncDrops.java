package dev.correlog;

import dev.correlog.sink.AsyncSink;
import dev.correlog.sink.Sink;

/**
 * Logs the drops of an asynchronous sink as {@code correlog.dropped} WARN events: lines below WARN
 * that its full queue (or its line length limit) made it drop. WARN and ERROR lines it could not
 * queue are not among them: they were copied to stderr and counted as sink failures.
 */
final class AsyncDrops {
  private AsyncDrops() {}

  /** When {@code sink} is an {@link AsyncSink} with no drop reporter of its own. */
  static void report(Correlog correlog, Sink sink) {
    if (!(sink instanceof AsyncSink)) {
      return;
    }
    EventLogger log = correlog.logger("dev.correlog.sink");
    ((AsyncSink) sink)
        .reportDropsIfUnset(
            n ->
                log.warn("correlog.dropped")
                    .field("dropped", n)
                    .message(
                        "the asynchronous sink dropped lines below WARN since its last report:"
                            + " its queue was full (or a line was longer than it takes)")
                    .emit());
  }
}
