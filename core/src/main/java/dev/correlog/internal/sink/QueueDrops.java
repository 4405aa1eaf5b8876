package dev.correlog.internal.sink;

import dev.correlog.internal.Reporter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * The lines an asynchronous sink did not queue: lines below WARN dropped (a full queue, a line too
 * long), WARN and ERROR lines refused (handed back to the caller); and the drop reporter, called
 * with the drops since its previous call.
 */
public final class QueueDrops {
  private final LongAdder dropped = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final AtomicLong reportedDrops = new AtomicLong();
  private volatile LongConsumer dropReporter;

  QueueDrops(LongConsumer dropReporter) {
    this.dropReporter = dropReporter;
  }

  /** Sets the drop reporter when none was given; true if set. */
  public synchronized boolean reporterIfAbsent(LongConsumer reporter) {
    if (dropReporter != null) {
      return false;
    }
    dropReporter = reporter;
    return true;
  }

  /** A line below WARN was not queued. */
  public void countDrop() {
    dropped.increment();
  }

  /** A WARN or ERROR line was not queued and handed back to the caller. */
  public void countRefused() {
    refused.increment();
  }

  public long dropped() {
    return dropped.sum();
  }

  public long refused() {
    return refused.sum();
  }

  /** Calls the drop reporter with the drops not reported yet, if any; from any thread. */
  public void report() {
    LongConsumer reporter = dropReporter;
    if (reporter == null) {
      return;
    }
    long total = dropped.sum();
    long before = reportedDrops.get();
    if (total <= before || !reportedDrops.compareAndSet(before, total)) {
      return;
    }
    try {
      reporter.accept(total - before);
    } catch (Throwable e) {
      Reporter.once(
          "async-drop-reporter:" + System.identityHashCode(this),
          "asynchronous sink: drop reporter failed",
          e);
    }
  }

  /** Drops not yet given to the drop reporter. */
  public long unreported() {
    return dropped.sum() - reportedDrops.get();
  }
}
