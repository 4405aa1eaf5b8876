package dev.correlog.internal.sink;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where producers wait for the writer of a {@link LineRing}: for room, for a flush, or for the end
 * of the writer. The writer signals after freeing room (each line or run of lines it takes), after
 * flushing, and when it ends; it takes the lock only when someone is waiting, so the common case
 * costs one volatile read.
 */
public final class Progress {
  private final LineRing ring;
  private final AtomicInteger waiters = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile int flushedSeq;
  private volatile long freedCount;
  private volatile long stalledAt = -1;
  private volatile long fullAt = -1;
  private volatile boolean terminated;

  Progress(LineRing ring) {
    this.ring = ring;
    this.flushedSeq = ring.headSeq();
  }

  /**
   * Claims room for a line below WARN, waiting at most {@code nanos} in all; may return {@link
   * LineRing#FULL}. Every caller waits its own {@code nanos}.
   */
  public long awaitClaim(int length, long nanos) {
    return await(length, false, nanos, false, false);
  }

  /**
   * Claims room for a WARN or ERROR line, waiting as long as the writer keeps freeing room: gives
   * up ({@link LineRing#FULL}) only when it freed nothing for {@code nanos}. With {@code
   * skipWhenStalled}, once a wait ended that way, later calls do not wait until the writer frees
   * room again, so a stuck delegate costs callers one wait, not one per line.
   */
  public long awaitImportantClaim(int length, long nanos, boolean skipWhenStalled) {
    if (skipWhenStalled && stalledAt == freedCount) {
      return ring.claim(length, true);
    }
    return await(length, true, nanos, true, skipWhenStalled);
  }

  private long await(
      int length, boolean useReserve, long nanos, boolean whileProgressing, boolean markStall) {
    waiters.incrementAndGet(); // Before the claim below: the writer signals once it sees us.
    lock.lock();
    try {
      long seen = freedCount;
      long deadline = System.nanoTime() + nanos;
      for (; ; ) {
        long claim = ring.claim(length, useReserve);
        if (claim != LineRing.FULL || terminated) {
          return claim;
        }
        long now = System.nanoTime();
        if (whileProgressing && freedCount != seen) {
          seen = freedCount;
          deadline = now + nanos;
        }
        long left = deadline - now;
        if (left <= 0) {
          if (markStall) {
            stalledAt = seen;
          }
          return claim;
        }
        changed.awaitNanos(left);
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

  /**
   * How many times the writer has freed room so far; read it before a claim, and pass it to {@link
   * #markFull} when the claim found no room.
   */
  public long freedCount() {
    return freedCount;
  }

  /**
   * A claim for a line below WARN found no room, the writer having freed room {@code freedBefore}
   * times before it was tried: until it frees room again, {@link #fullSinceDrop()} is true.
   */
  public void markFull(long freedBefore) {
    if (fullAt != freedBefore) {
      fullAt = freedBefore; // Written once per episode, not once per dropped line.
    }
  }

  /**
   * True when the last claim below WARN that found no room was made after the writer last freed
   * room: a line below WARN would most likely find none either. Two volatile reads.
   */
  public boolean fullSinceDrop() {
    return fullAt == freedCount;
  }

  /** True once the writer has stopped. */
  public boolean terminated() {
    return terminated;
  }

  /** Writer: room was freed. */
  void freed() {
    freedCount++; // Only the consumer writes it.
    signalAll();
  }

  /** Writer: every line before {@code seq} was handed over and the delegate flushed. */
  void flushed(int seq) {
    flushedSeq = seq;
    signalAll();
  }

  /** Writer: it has stopped; nobody should wait for it any more. */
  void terminate() {
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
