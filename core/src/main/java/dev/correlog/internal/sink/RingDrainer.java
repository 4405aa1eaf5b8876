package dev.correlog.internal.sink;

import dev.correlog.Level;
import dev.correlog.internal.FailureNotices;
import dev.correlog.internal.Reporter;
import dev.correlog.sink.Sink;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The consuming end of a {@link LineRing}: takes published lines in order, hands each contiguous
 * run to the delegate in one call (one {@link BatchWriter#writeBatch} when the delegate has one,
 * else one line per call), frees each run's room as soon as it is handed over, and flushes the
 * delegate once per batch.
 *
 * <p>Whatever the delegate throws, draining carries on: the lines are counted as failed, reported
 * (rate-limited by episode), and their WARN and ERROR lines are copied to the fallback sink.
 *
 * <p>One consumer at a time: the writer thread, or a holder of the direct-mode lock once the writer
 * is gone (see {@link AsyncWriter}).
 */
final class RingDrainer {
  private static final Level[] LEVELS = Level.values();

  private final LineRing ring;
  private final Sink delegate;
  private final BatchWriter batch;
  private final Sink fallback;
  private final Progress progress;
  private final int maxBatchLines;
  private final int maxBatchBytes;
  private final FailureNotices notices;
  private final LongAdder written = new LongAdder();
  private final LongAdder failed = new LongAdder();

  // The consumer's cursors: the oldest line not yet handed over.
  private int headSeq;
  private int headPos;

  RingDrainer(LineRing ring, Sink delegate, BatchWriter batch, Sink fallback, Progress progress) {
    this.ring = ring;
    this.delegate = delegate;
    this.batch = batch;
    this.fallback = fallback;
    this.progress = progress;
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
  }

  long written() {
    return written.sum();
  }

  long failed() {
    return failed.sum();
  }

  /** Counts one line written, or failed, outside a drain (a direct write). */
  void counted(boolean ok) {
    (ok ? written : failed).increment();
  }

  /** True when lines were claimed and not yet handed over (some may still be being copied). */
  boolean pending() {
    return ring.tailSeq() != headSeq;
  }

  /** Drains until every claimed line is written, waiting briefly for lines being copied. */
  void drainAll() {
    long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    while (pending()) {
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

  /** Writes what is still queued, if anything: the first step of every direct-mode call. */
  void drainLeftovers() {
    if (pending()) {
      drainAll();
    }
  }

  /**
   * Hands up to one batch of published lines to the delegate, one run at a time, freeing each run's
   * room as soon as it is handed over; then flushes. Returns the lines taken.
   */
  int drain() {
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

  /** Counts a failure of the delegate in the rate-limited notices on stderr. */
  void reportFailure(Throwable e) {
    notices.failed(e);
  }

  /** Prints the failure notice still held back by the rate limit, if any. */
  void printPending() {
    notices.printPending();
  }
}
