package dev.correlog.internal.sink;

import dev.correlog.Level;
import dev.correlog.internal.Reporter;
import dev.correlog.sink.Sink;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The consumer of a {@link LineRing}: one daemon thread that takes published lines in batches,
 * hands each contiguous run to the delegate in one call (one {@link BatchSink#writeBatch} when the
 * delegate supports it), frees the room, and flushes the delegate once per batch.
 *
 * <p>A failing delegate is counted per line, reported once per episode, and its WARN and ERROR
 * lines are copied to the fallback sink; the writer carries on. Every {@code reportInterval} the
 * drop reporter is called with the lines dropped since its last call, when there are any, and a
 * last time on close. Producers that wait for room or for a flush are signalled on progress.
 */
public final class AsyncWriter implements Runnable {
  private static final Level[] LEVELS = Level.values();
  private static final int SPINS = 128;
  private static final int YIELDS = 16;

  private final LineRing ring;
  private final Sink delegate;
  private final BatchSink batchDelegate;
  private final Sink fallback;
  private volatile LongConsumer dropReporter;
  private final long reportIntervalNanos;
  private final int maxBatchLines;
  private final int maxBatchBytes;
  private final String failureKey;

  private final LongAdder dropped = new LongAdder();
  private final Progress progress;
  private volatile long written;
  private volatile long failed;
  private volatile boolean closeRequested;
  private volatile Thread thread;

  // Writer thread only.
  private int headSeq;
  private int headPos;
  private long reportedDrops;
  private boolean failing;

  public AsyncWriter(
      LineRing ring,
      Sink delegate,
      Sink fallback,
      LongConsumer dropReporter,
      long reportIntervalNanos) {
    this.ring = ring;
    this.delegate = delegate;
    this.batchDelegate = delegate instanceof BatchSink ? (BatchSink) delegate : null;
    this.fallback = fallback;
    this.dropReporter = dropReporter;
    this.reportIntervalNanos = reportIntervalNanos;
    this.maxBatchLines = Math.max(1, ring.capacity() / 4);
    this.maxBatchBytes = ring.maxLineBytes();
    this.failureKey = "async-delegate:" + delegate;
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

  public boolean isWriterThread() {
    return Thread.currentThread() == thread;
  }

  /** Wakes the writer if it is parked; called by producers after publishing. */
  public void wake() {
    if (ring.unpark()) {
      LockSupport.unpark(thread);
    }
  }

  public void countDrop() {
    dropped.increment();
  }

  public long dropped() {
    return dropped.sum();
  }

  public long written() {
    return written;
  }

  public long failed() {
    return failed;
  }

  /** Asks the writer to report drops, close the queue, drain it, flush and close the delegate. */
  public void requestClose() {
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

  @Override
  public void run() {
    try {
      loop();
    } catch (RuntimeException | Error e) {
      Reporter.once("async-writer-died", "asynchronous writer stopped", e);
    } finally {
      progress.terminated();
    }
  }

  private void loop() {
    long nextReport = System.nanoTime() + reportIntervalNanos;
    boolean queueClosed = false;
    int inFlightSpins = 0;
    for (; ; ) {
      if (closeRequested && !queueClosed) {
        reportDrops(); // While the queue still takes lines: the report may log one.
        ring.close();
        queueClosed = true;
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
      } else if (queueClosed) {
        finish();
        return;
      } else {
        idle(nextReport - now);
      }
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
      LockSupport.parkNanos(this, Math.max(maxNanos, 1));
    }
    ring.setParked(false);
  }

  /** Writes up to one batch of published lines, frees their room and flushes; returns lines. */
  private int drain() {
    int seq = headSeq;
    int pos = headPos;
    int lines = 0;
    int bytes = 0;
    int runStart = 0;
    int runLength = 0;
    int runLines = 0;
    int runSeq = seq;
    while (lines < maxBatchLines) {
      long slot = ring.published(seq);
      if (slot < 0) {
        break;
      }
      int length = LineRing.length(slot);
      if (lines > 0 && bytes + length > maxBatchBytes) {
        break;
      }
      int offset = ring.offset(pos, length);
      if (runLines > 0 && offset != runStart + runLength) {
        emit(runSeq, runStart, runLength, runLines);
        runLines = 0;
      }
      if (runLines == 0) {
        runSeq = seq;
        runStart = offset;
        runLength = 0;
      }
      runLength += length;
      runLines++;
      lines++;
      bytes += length;
      pos = ring.next(pos, length);
      seq = (seq + 1) & LineRing.SEQ_MASK;
    }
    if (lines == 0) {
      return 0;
    }
    emit(runSeq, runStart, runLength, runLines);
    headSeq = seq;
    headPos = pos;
    ring.advance(seq, pos);
    progress.freed();
    try {
      delegate.flush();
    } catch (Throwable e) {
      reportFailure(e);
    }
    progress.flushed(seq);
    return lines;
  }

  /** Hands {@code lines} contiguous lines, the first being {@code seq}, to the delegate. */
  private void emit(int seq, int offset, int length, int lines) {
    byte[] arena = ring.arena();
    if (batchDelegate != null) {
      try {
        batchDelegate.writeBatch(arena, offset, length, lines);
        succeeded(lines);
      } catch (Throwable e) {
        reportFailure(e);
        failed += lines;
        for (int i = 0; i < lines; i++) {
          long slot = ring.published((seq + i) & LineRing.SEQ_MASK);
          offset += copyToFallback(slot, arena, offset);
        }
      }
      return;
    }
    for (int i = 0; i < lines; i++) {
      long slot = ring.published((seq + i) & LineRing.SEQ_MASK);
      int n = LineRing.length(slot);
      try {
        delegate.write(LEVELS[LineRing.level(slot)], arena, offset, n);
        succeeded(1);
      } catch (Throwable e) {
        reportFailure(e);
        failed++;
        copyToFallback(slot, arena, offset);
      }
      offset += n;
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
    written += lines;
    if (failing) {
      failing = false;
      Reporter.rearm(failureKey);
    }
  }

  private void reportFailure(Throwable e) {
    failing = true;
    Reporter.once(failureKey, "asynchronous sink: writing to " + delegate + " failed", e);
  }

  private void finish() {
    try {
      delegate.close(); // Flushes too, per the Sink contract.
    } catch (Throwable e) {
      reportFailure(e);
    }
    reportDrops(); // Drops counted while the queue was closing.
  }

  private void reportDrops() {
    long total = dropped.sum();
    long delta = total - reportedDrops;
    if (delta <= 0 || dropReporter == null) {
      return;
    }
    reportedDrops = total;
    try {
      dropReporter.accept(delta);
    } catch (Throwable e) {
      Reporter.once("async-drop-reporter", "asynchronous sink: drop reporter failed", e);
    }
  }
}
