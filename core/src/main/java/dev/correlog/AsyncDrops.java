package dev.correlog;

import dev.correlog.sink.AsyncSink;
import dev.correlog.sink.Sink;

/** Logs the drops of an asynchronous sink as {@code correlog.dropped} WARN events. */
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
                    .message("the asynchronous sink dropped lines below WARN: its queue was full")
                    .emit());
  }
}
