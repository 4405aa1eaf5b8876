package dev.correlog.internal.sink;

import dev.correlog.Level;
import dev.correlog.internal.FailureNotices;
import dev.correlog.internal.Reporter;
import dev.correlog.sink.Sink;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * The consumer of a {@link LineRing}: one daemon thread that takes published lines, hands each
 * contiguous run to the delegate in one call (one {@link BatchWriter#writeBatch} when the delegate
 * has one, else one line per call), frees each run's room as soon as it is handed over, and flushes
 * the delegate once per batch.
 *
 * <p>Whatever the delegate throws, the writer carries on: the lines are counted as failed, reported
 * (rate-limited by episode), and their WARN and ERROR lines are copied to the fallback sink. If the
 * writer thread dies anyway (an error in its own code, the thread stopped), or once it has handed
 * over at JVM shutdown, the queue is closed and the sink goes <em>direct</em>: callers write to the
 * delegate themselves, under a lock, after the lines still queued ({@link #writeDirect}).
 */
public final class AsyncWriter implements Runnable {
  private static final Level[] LEVELS = Level.values();
  private static final int SPINS = 128;
  private static final int YIELDS = 16;

  private final LineRing ring;
  private final Sink delegate;
  private final BatchWriter batch;
  private final Sink fallback;
  private volatile LongConsumer dropReporter;
  private final long reportIntervalNanos;
  private final int maxBatchLines;
  private final int maxBatchBytes;
  private final FailureNotices notices;

  private final LongAdder dropped = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicLong reportedDrops = new AtomicLong();
  private final Progress progress;
  // Held by whoever consumes the ring outside the running loop: the writer's last drain at
  // hand-over, and callers writing directly after it.
  private final ReentrantLock directLock = new ReentrantLock();
  private volatile boolean closeRequested;
  private volatile boolean handOver;
  private volatile boolean direct;
  private volatile Thread thread;

  // Consumer only: the writer thread, or a holder of directLock once the writer is gone.
  private int headSeq;
  private int headPos;

  public AsyncWriter(
      LineRing ring,
      Sink delegate,
      BatchWriter batch,
      Sink fallback,
      LongConsumer dropReporter,
      long reportIntervalNanos) {
    this.ring = ring;
    this.delegate = delegate;
    this.batch = batch;
    this.fallback = fallback;
    this.dropReporter = dropReporter;
    this.reportIntervalNanos = reportIntervalNanos;
    this.maxBatchLines = Math.max(1, ring.capacity() / 4);
    this.maxBatchBytes = ring.maxLineBytes();
    this.notices =
        new FailureNotices(
            () -> "asynchronous sink: writing to " + Reporter.name(delegate),
            "failures are counted in AsyncSink.writeFailures() and WARN and ERROR lines go to the"
                + " fallback",
            FailureNotices.DEFAULT_INTERVAL_NANOS);
    this.headSeq = ring.headSeq();
    this.headPos = ring.headPos();
    this.progress = new Progress(ring);
  }

  /** Sets the drop reporter when none was given; true if set. */
  public synchronized boolean dropReporterIfAbsent(LongConsumer reporter) {
    if (dropReporter != null) {
      return false;
    }
    dropReporter = reporter;
    return true;
  }

  /** Starts the daemon thread {@code correlog-async-writer}. */
  public void start() {
    Thread t = new Thread(this, "correlog-async-writer");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /** The writer thread, for tests. */
  public Thread thread() {
    return thread;
  }

  public boolean isWriterThread() {
    return Thread.currentThread() == thread;
  }

  /** True once callers must write to the delegate themselves: the writer died or handed over. */
  public boolean isDirect() {
    return direct;
  }

  /** True while the writer is handing over at shutdown: callers should wait for it to end. */
  public boolean isHandingOver() {
    return handOver && !progress.terminated();
  }

  /** Wakes the writer if it is parked; called by producers after publishing. */
  public void wake() {
    if (ring.unpark()) {
      LockSupport.unpark(thread);
    }
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

  public long written() {
    return written.sum();
  }

  public long failed() {
    return failed.sum();
  }

  /** Asks the writer to report drops, close the queue, drain it, flush and close the delegate. */
  public void requestClose() {
    closeRequested = true;
    LockSupport.unpark(thread);
  }

  /**
   * Asks the writer to close the queue, drain it and flush the delegate without closing it, then go
   * direct: at JVM shutdown, lines logged after the hook are written by their callers.
   */
  public void requestHandOver() {
    handOver = true;
    closeRequested = true;
    LockSupport.unpark(thread);
  }

  /** Waits until the writer has finished; false when {@code nanos} passed first. */
  public boolean awaitTermination(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.timedJoin(thread, nanos);
    return !thread.isAlive();
  }

  /** Where producers wait for room or for a flush. */
  public Progress progress() {
    return progress;
  }

  /**
   * Writes a line on the caller's thread, after any line still queued, and flushes: the path once
   * the writer is gone. Throws what the delegate threw (wrapped in an {@code IOException} unless it
   * is one), and counts it.
   */
  public void writeDirect(Level level, byte[] line, int off, int len) throws IOException {
    directLock.lock();
    try {
      drainLeftovers();
      try {
        delegate.write(level, line, off, len);
        delegate.flush();
        written.increment();
      } catch (Throwable e) {
        failed.increment();
        if (e instanceof ThreadDeath) {
          throw (ThreadDeath) e;
        }
        throw e instanceof IOException
            ? (IOException) e
            : new IOException("writing to " + name() + " failed", e);
      }
    } finally {
      directLock.unlock();
    }
  }

  /**
   * Direct mode: writes what is still queued and flushes the delegate, waiting at most {@code
   * nanos} for the callers writing directly.
   */
  public void flushDirect(long nanos) throws IOException {
    try {
      if (!directLock.tryLock(nanos, TimeUnit.NANOSECONDS)) {
        throw new IOException("asynchronous sink: a direct write to " + name() + " is stuck");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while flushing");
    }
    try {
      drainLeftovers();
      delegate.flush();
    } finally {
      directLock.unlock();
    }
  }

  /** Direct mode: writes what is still queued, then closes the delegate. */
  public void closeDirect() throws IOException {
    directLock.lock();
    try {
      drainLeftovers();
      direct = false; // Later writes find the queue closed and throw.
      delegate.close();
    } finally {
      directLock.unlock();
    }
  }

  @Override
  public void run() {
    try {
      loop();
    } catch (Throwable e) {
      died(e);
    } finally {
      progress.terminate();
    }
  }

  private void died(Throwable e) {
    direct = true; // Before the queue closes: a caller refused by it then writes directly.
    ring.close();
    try {
      Reporter.print(
          "asynchronous writer stopped ("
              + Reporter.describe(e)
              + "); lines are now written to "
              + name()
              + " on the logging threads");
    } catch (Throwable ignored) {
      // Nothing left to report with.
    }
  }

  private void loop() {
    long nextReport = System.nanoTime() + reportIntervalNanos;
    int inFlightSpins = 0;
    for (; ; ) {
      if (closeRequested) {
        if (handOver) {
          handOverNow();
        } else {
          closeNow();
        }
        return;
      }
      int n = drain();
      long now = System.nanoTime();
      if (now - nextReport >= 0) {
        reportDrops();
        nextReport = now + reportIntervalNanos;
      }
      if (n > 0) {
        inFlightSpins = 0;
      } else if (ring.tailSeq() != headSeq) {
        // Claimed but not yet published: the producer is copying its line.
        if (++inFlightSpins < SPINS) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      } else {
        idle(nextReport - now);
      }
    }
  }

  private void closeNow() {
    reportDrops(); // While the queue still takes lines: the report may log one.
    ring.close();
    drainAll();
    try {
      delegate.close(); // Flushes too, per the Sink contract.
    } catch (Throwable e) {
      reportFailure(e);
    }
    reportDrops(); // Drops counted while the queue was closing.
    notices.printPending();
  }

  private void handOverNow() {
    directLock.lock();
    try {
      direct = true;
      ring.close();
      drainAll();
    } finally {
      directLock.unlock();
    }
  }

  /** Drains until every claimed line is written, waiting briefly for lines being copied. */
  private void drainAll() {
    long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    while (ring.tailSeq() != headSeq) {
      if (drain() > 0) {
        giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
      } else {
        if (System.nanoTime() - giveUp > 0) {
          return; // A producer claimed room and never published (it was stopped).
        }
        Thread.yield();
      }
    }
  }

  private void drainLeftovers() {
    if (ring.tailSeq() != headSeq) {
      drainAll();
    }
  }

  private void idle(long maxNanos) {
    for (int i = 0; i < SPINS + YIELDS; i++) {
      if (ring.tailSeq() != headSeq || closeRequested) {
        return;
      }
      if (i < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    ring.setParked(true);
    if (ring.tailSeq() == headSeq && !closeRequested) {
      Thread.interrupted(); // A delegate that interrupted us must not turn parking into spinning.
      LockSupport.parkNanos(this, Math.max(maxNanos, 1));
    }
    ring.setParked(false);
  }

  /**
   * Hands up to one batch of published lines to the delegate, one run at a time, freeing each run's
   * room as soon as it is handed over; then flushes. Returns the lines taken.
   */
  private int drain() {
    int total = 0;
    while (total < maxBatchLines) {
      int seq = headSeq;
      int pos = headPos;
      int runStart = -1;
      int runLength = 0;
      int runLines = 0;
      int limit = batch != null ? maxBatchLines - total : 1;
      while (runLines < limit) {
        long slot = ring.published(seq);
        if (slot < 0) {
          break;
        }
        int length = LineRing.length(slot);
        int offset = ring.offset(pos, length);
        if (runLines > 0
            && (offset != runStart + runLength || runLength + length > maxBatchBytes)) {
          break;
        }
        if (runLines == 0) {
          runStart = offset;
        }
        runLength += length;
        runLines++;
        pos = ring.next(pos, length);
        seq = (seq + 1) & LineRing.SEQ_MASK;
      }
      if (runLines == 0) {
        break;
      }
      emit(headSeq, runStart, runLength, runLines);
      headSeq = seq;
      headPos = pos;
      ring.advance(seq, pos);
      progress.freed();
      total += runLines;
    }
    if (total == 0) {
      return 0;
    }
    try {
      delegate.flush();
    } catch (Throwable e) {
      reportFailure(e);
    }
    progress.flushed(headSeq);
    return total;
  }

  /** Hands {@code lines} contiguous lines, the first being {@code seq}, to the delegate. */
  private void emit(int seq, int offset, int length, int lines) {
    byte[] arena = ring.arena();
    if (batch != null) {
      try {
        batch.writeBatch(arena, offset, length, lines);
        succeeded(lines);
      } catch (Throwable e) {
        failed.add(lines);
        reportFailure(e);
        for (int i = 0; i < lines; i++) {
          long slot = ring.published((seq + i) & LineRing.SEQ_MASK);
          offset += copyToFallback(slot, arena, offset);
        }
      }
      return;
    }
    long slot = ring.published(seq);
    try {
      delegate.write(LEVELS[LineRing.level(slot)], arena, offset, length);
      succeeded(1);
    } catch (Throwable e) {
      failed.increment();
      reportFailure(e);
      copyToFallback(slot, arena, offset);
    }
  }

  private int copyToFallback(long slot, byte[] arena, int offset) {
    int length = LineRing.length(slot);
    Level level = LEVELS[LineRing.level(slot)];
    if (fallback != null && level.isAtLeast(Level.WARN)) {
      try {
        fallback.write(level, arena, offset, length);
      } catch (Throwable e) {
        // The fallback is the last resort; its own failure has nowhere to go.
      }
    }
    return length;
  }

  private void succeeded(int lines) {
    written.add(lines);
    if (notices.attentive()) {
      notices.succeeded();
    }
  }

  private void reportFailure(Throwable e) {
    notices.failed(e);
  }

  /** Calls the drop reporter with the drops not reported yet, if any; from any thread. */
  public void reportDrops() {
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
  public long unreportedDrops() {
    return dropped.sum() - reportedDrops.get();
  }

  private String name() {
    return Reporter.name(delegate);
  }
}
