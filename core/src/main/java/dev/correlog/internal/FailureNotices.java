package dev.correlog.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Rate-limited stderr notices about one failing component (a sink): the first failure of an episode
 * is reported at once with an explanation, then at most one notice per interval sums up what
 * happened since (how many failures, the last error, still failing or recovered). A component that
 * fails on every other call prints one line per interval, not a failed/recovered pair per call.
 * Never throws.
 */
public final class FailureNotices {
  /** The interval Correlog uses: 10 seconds. */
  public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Supplier<String> subject;
  private final String explanation;
  private final long intervalNanos;
  // Read without the lock on the fast path, changed under it.
  private volatile boolean failing;
  private volatile boolean pending;
  private long lastNotice;
  private boolean noticed;
  private long failuresSinceNotice;
  private String lastError;

  /**
   * @param subject names the component ({@code "sink file app.log"}), asked only when printing
   * @param explanation what happens to failures, printed with the first notice of an episode
   */
  public FailureNotices(Supplier<String> subject, String explanation, long intervalNanos) {
    this.subject = subject;
    this.explanation = explanation;
    this.intervalNanos = intervalNanos;
  }

  /** True when a success must be told to {@link #succeeded()}: one volatile read or two. */
  public boolean attentive() {
    return failing || pending;
  }

  /** One call failed with {@code e}. */
  public synchronized void failed(Throwable e) {
    try {
      failing = true;
      pending = true;
      failuresSinceNotice++;
      lastError = Reporter.describe(e);
      printIfDue(System.nanoTime(), false);
    } catch (Throwable ignored) {
      // Out of memory while reporting: the caller counted the failure already.
    }
  }

  /** A call succeeded after {@link #attentive()} said so. */
  public synchronized void succeeded() {
    try {
      if (failing) {
        failing = false;
        pending = true;
      }
      printIfDue(System.nanoTime(), false);
    } catch (Throwable ignored) {
      // As above.
    }
  }

  /** Prints the summary still due, if any, now (on flush and close). */
  public synchronized void printPending() {
    try {
      printIfDue(System.nanoTime(), true);
    } catch (Throwable ignored) {
      // As above.
    }
  }

  private void printIfDue(long now, boolean force) {
    if (!pending || (noticed && !force && now - lastNotice < intervalNanos)) {
      return;
    }
    String name = name();
    String state = failing ? "still failing" : "recovered";
    if (!noticed && failing && failuresSinceNotice == 1) {
      Reporter.print(
          name
              + " failed ("
              + lastError
              + "); "
              + explanation
              + "; what follows is summed up at most once per "
              + TimeUnit.NANOSECONDS.toMillis(intervalNanos)
              + " ms");
    } else if (failuresSinceNotice == 0) {
      Reporter.print(name + " " + state);
    } else {
      Reporter.print(
          name
              + ": "
              + failuresSinceNotice
              + " failures since the last notice (last error: "
              + lastError
              + "); "
              + state);
    }
    pending = false;
    noticed = true;
    lastNotice = now;
    failuresSinceNotice = 0;
  }

  private String name() {
    try {
      return subject.get();
    } catch (Throwable e) {
      return "a sink";
    }
  }
}
