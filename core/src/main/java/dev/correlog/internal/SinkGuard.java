package dev.correlog.internal;

import dev.correlog.Level;
import dev.correlog.sink.Sink;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * Calls the sink so that a failure never reaches the application: it is counted, reported once on
 * stderr (and again after the sink recovers and fails anew), and a WARN or ERROR line the sink
 * failed to take is copied to stderr, so it is never lost silently.
 */
final class SinkGuard {
  private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);

  private final Sink sink;
  private final Metrics metrics;
  private final String key;
  private volatile boolean failing;

  SinkGuard(Sink sink, Metrics metrics) {
    this.sink = sink;
    this.metrics = metrics;
    this.key = "sink." + System.identityHashCode(this);
  }

  Sink sink() {
    return sink;
  }

  /** True when the sink took the line. */
  boolean write(Level level, byte[] line, int off, int len) {
    try {
      sink.write(level, line, off, len);
      if (failing) {
        failing = false;
        Reporter.rearm(key);
        System.err.println("correlog: sink " + sink + " recovered");
      }
      return true;
    } catch (Exception | LinkageError | StackOverflowError e) {
      failing = true;
      metrics.sinkFailures.increment();
      Reporter.once(
          key,
          "sink "
              + sink
              + " failed ("
              + e
              + "); further failures are counted in Counters.sinkFailures(), "
              + "and WARN and ERROR lines are copied to stderr");
      if (level.isAtLeast(Level.WARN)) {
        copyToStderr(line, off, len);
      }
      return false;
    }
  }

  private static void copyToStderr(byte[] line, int off, int len) {
    synchronized (STDERR) {
      try {
        STDERR.write(line, off, len);
      } catch (IOException ignored) {
        // stderr is gone too: the failure is still counted.
      }
    }
  }

  void flush() {
    try {
      sink.flush();
    } catch (Exception e) {
      metrics.sinkFailures.increment();
      Reporter.once(key + ".flush", "sink " + sink + " failed to flush", e);
    }
  }

  void close() {
    try {
      sink.close();
    } catch (Exception e) {
      Reporter.once(key + ".close", "sink " + sink + " failed to close", e);
    }
  }
}
