package dev.correlog.internal.sink;

import dev.correlog.Level;
import dev.correlog.internal.Reporter;
import dev.correlog.sink.Sink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * The consumer thread of a {@link LineRing}: one daemon thread that drains the queue into the
 * delegate ({@link RingDrainer}), parks when there is nothing to take, reports drops on schedule,
 * and on request closes the queue and drains it, then closes the delegate or hands over.
 *
 * <p>If the writer thread dies (an error in its own code, the thread stopped), or once it has
 * handed over at JVM shutdown, the queue is closed and the sink goes <em>direct</em>: callers write
 * to the delegate themselves, under a lock, after the lines still queued ({@link #writeDirect}).
 */
public final class AsyncWriter implements Runnable {
  private static final int SPINS = 128;
  private static final int YIELDS = 16;

  private final LineRing ring;
  private final Sink delegate;
  private final long reportIntervalNanos;
  private final Progress progress;
  private final RingDrainer drainer;
  private final QueueDrops drops;
  // Held by whoever consumes the ring outside the running loop: the writer's last drain at
  // hand-over, and callers writing directly after it.
  private final ReentrantLock directLock = new ReentrantLock();
  private volatile boolean closeRequested;
  private volatile boolean handOver;
  private volatile boolean direct;
  private volatile Thread thread;

  public AsyncWriter(
      LineRing ring,
      Sink delegate,
      BatchWriter batch,
      Sink fallback,
      LongConsumer dropReporter,
      long reportIntervalNanos) {
    this.ring = ring;
    this.delegate = delegate;
    this.reportIntervalNanos = reportIntervalNanos;
    this.progress = new Progress(ring);
    this.drainer = new RingDrainer(ring, delegate, batch, fallback, progress);
    this.drops = new QueueDrops(dropReporter);
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

  /** Lines dropped and refused, and their reporter. */
  public QueueDrops drops() {
    return drops;
  }

  /** Where producers wait for room or for a flush. */
  public Progress progress() {
    return progress;
  }

  /** Lines the delegate took without throwing. */
  public long written() {
    return drainer.written();
  }

  /** Lines the delegate threw on. */
  public long failed() {
    return drainer.failed();
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

  /**
   * Writes a line on the caller's thread, after any line still queued, and flushes: the path once
   * the writer is gone. Throws what the delegate threw (wrapped in an {@code IOException} unless it
   * is one), and counts it.
   */
  public void writeDirect(Level level, byte[] line, int off, int len) throws IOException {
    directLock.lock();
    try {
      drainer.drainLeftovers();
      try {
        delegate.write(level, line, off, len);
        delegate.flush();
        drainer.counted(true);
      } catch (Throwable e) {
        drainer.counted(false);
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
      throw new InterruptedIOException("interrupted while flushing");
    }
    try {
      drainer.drainLeftovers();
      delegate.flush();
    } finally {
      directLock.unlock();
    }
  }

  /** Direct mode: writes what is still queued, then closes the delegate. */
  public void closeDirect() throws IOException {
    directLock.lock();
    try {
      drainer.drainLeftovers();
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
      int n = drainer.drain();
      long now = System.nanoTime();
      if (now - nextReport >= 0) {
        drops.report();
        nextReport = now + reportIntervalNanos;
      }
      if (n > 0) {
        inFlightSpins = 0;
      } else if (drainer.pending()) {
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
    drops.report(); // While the queue still takes lines: the report may log one.
    ring.close();
    drainer.drainAll();
    try {
      delegate.close(); // Flushes too, per the Sink contract.
    } catch (Throwable e) {
      drainer.reportFailure(e);
    }
    drops.report(); // Drops counted while the queue was closing.
    drainer.printPending();
  }

  private void handOverNow() {
    directLock.lock();
    try {
      direct = true;
      ring.close();
      drainer.drainAll();
    } finally {
      directLock.unlock();
    }
  }

  private void idle(long maxNanos) {
    for (int i = 0; i < SPINS + YIELDS; i++) {
      if (drainer.pending() || closeRequested) {
        return;
      }
      if (i < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    ring.setParked(true);
    if (!drainer.pending() && !closeRequested) {
      Thread.interrupted(); // A delegate that interrupted us must not turn parking into spinning.
      LockSupport.parkNanos(this, Math.max(maxNanos, 1));
    }
    ring.setParked(false);
  }

  private String name() {
    return Reporter.name(delegate);
  }
}
