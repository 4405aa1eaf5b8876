package dev.correlog.internal;

import dev.correlog.Level;
import dev.correlog.sink.Sink;

/**
 * Calls the sink so that a failure never reaches the application. Whatever the sink throws, an
 * {@code Error} included, is a sink failure: counted in {@code sinkFailures}, and a WARN or ERROR
 * line the sink failed to take is copied to stderr, so it is never lost silently. The one exception
 * is {@link ThreadDeath}, the calling thread being stopped by the application: it is rethrown after
 * the line is counted and copied. A {@link VirtualMachineError} is not rethrown: it happened in the
 * sink's own work (its buffer, its stack), the line is saved, and if the JVM is really out of
 * memory or stack the application's next allocation or call says so.
 *
 * <p>Notices on stderr are rate-limited per sink ({@link FailureNotices}): the first failure is
 * reported at once, then at most one notice per 10 seconds sums up what happened since.
 *
 * <p>A line the sink discarded by its own policy ({@link Sink#offer} returned false: an
 * asynchronous sink's full queue) is counted in {@code dropped}, not as emitted; so is a line the
 * sink said it was not {@link Sink#accepting} before it was encoded.
 */
final class SinkGuard {
  private final Sink sink;
  private final Metrics metrics;
  private final FailureNotices notices;
  private final String key;

  SinkGuard(Sink sink, Metrics metrics) {
    this(sink, metrics, FailureNotices.DEFAULT_INTERVAL_NANOS);
  }

  SinkGuard(Sink sink, Metrics metrics, long noticeIntervalNanos) {
    this.sink = sink;
    this.metrics = metrics;
    this.notices =
        new FailureNotices(
            () -> "sink " + Reporter.name(sink),
            "failures are counted in Counters.sinkFailures() and WARN and ERROR lines are copied"
                + " to stderr",
            noticeIntervalNanos);
    this.key = "sink." + System.identityHashCode(this);
  }

  Sink sink() {
    return sink;
  }

  /**
   * Asks {@link Sink#accepting}; on false, counts the line in {@code dropped}, as {@link #write}
   * counts a line the sink dropped. Whatever the sink throws here counts as true (the line is
   * encoded and offered, and {@code offer} decides), reported once on stderr.
   */
  boolean accepting(Level level) {
    try {
      if (sink.accepting(level)) {
        return true;
      }
    } catch (Throwable e) {
      if (e instanceof ThreadDeath) {
        throw (ThreadDeath) e;
      }
      Reporter.once(key + ".accepting", "sink " + Reporter.name(sink) + " failed in accepting", e);
      return true;
    }
    metrics.dropped.increment();
    return false;
  }

  /** True when the sink took the line. */
  boolean write(Level level, byte[] line, int off, int len) {
    boolean took;
    try {
      took = sink.offer(level, line, off, len);
    } catch (Throwable e) {
      metrics.sinkFailures.increment();
      if (level.isAtLeast(Level.WARN)) {
        Reporter.copyLine(line, off, len);
      }
      notices.failed(e);
      if (e instanceof ThreadDeath) {
        throw (ThreadDeath) e;
      }
      return false;
    }
    if (!took) {
      metrics.dropped.increment();
    }
    if (notices.attentive()) {
      notices.succeeded();
    }
    return took;
  }

  void flush() {
    try {
      sink.flush();
    } catch (Throwable e) {
      metrics.sinkFailures.increment();
      Reporter.once(key + ".flush", "sink " + Reporter.name(sink) + " failed to flush", e);
    }
  }

  void close() {
    try {
      sink.close();
    } catch (Throwable e) {
      Reporter.once(key + ".close", "sink " + Reporter.name(sink) + " failed to close", e);
    }
    notices.printPending();
  }
}
