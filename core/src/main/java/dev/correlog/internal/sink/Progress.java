package dev.correlog.internal.sink;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where producers wait for the writer of a {@link LineRing}: for room, or for a flush. The writer
 * signals after freeing room, after flushing, and when it ends; it takes the lock only when someone
 * is waiting, so the common case costs one volatile read.
 */
public final class Progress {
  private final LineRing ring;
  private final AtomicInteger waiters = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile int flushedSeq;
  private volatile int stalledAt = -1;
  private volatile boolean terminated;

  Progress(LineRing ring) {
    this.ring = ring;
    this.flushedSeq = ring.headSeq();
  }

  /**
   * Claims room, waiting up to {@code nanos} for the writer to free some; may return {@link
   * LineRing#FULL}. When a wait ended without the writer freeing anything, later calls do not wait
   * until it frees some again: a stuck delegate costs callers one wait, not one per line.
   */
  public long awaitClaim(int length, boolean useReserve, long nanos) {
    if (stalledAt == ring.headSeq()) {
      return ring.claim(length, useReserve);
    }
    waiters.incrementAndGet(); // Before the claim below: the writer signals once it sees us.
    lock.lock();
    try {
      for (; ; ) {
        long claim = ring.claim(length, useReserve);
        if (claim != LineRing.FULL || terminated) {
          return claim;
        }
        if (nanos <= 0) {
          stalledAt = ring.headSeq();
          return claim;
        }
        nanos = changed.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LineRing.FULL;
    } finally {
      lock.unlock();
      waiters.decrementAndGet();
    }
  }

  /** Waits until every line before {@code seq} was handed over and the delegate flushed. */
  public boolean awaitFlushed(int seq, long nanos) throws InterruptedException {
    waiters.incrementAndGet();
    lock.lock();
    try {
      while (((flushedSeq - seq) & LineRing.SEQ_MASK) > LineRing.SEQ_MASK / 2) {
        if (nanos <= 0 || terminated) {
          return false;
        }
        nanos = changed.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
      waiters.decrementAndGet();
    }
  }

  /** Writer: room was freed. */
  void freed() {
    signalAll();
  }

  /** Writer: every line before {@code seq} was handed over and the delegate flushed. */
  void flushed(int seq) {
    flushedSeq = seq;
    signalAll();
  }

  /** Writer: it has stopped; nobody should wait for it any more. */
  void terminated() {
    terminated = true;
    signalAll();
  }

  private void signalAll() {
    if (waiters.get() > 0) {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
