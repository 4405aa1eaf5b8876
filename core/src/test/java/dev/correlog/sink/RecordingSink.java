package dev.correlog.sink;

import dev.correlog.Level;
import dev.correlog.internal.sink.BatchSink;
import java.io.IOException;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A delegate for asynchronous sink tests: parses the {@link TestLines} it is given, records each id
 * once in a bit set and counts duplicates. It can be made slow, blocked behind a gate, or failing.
 * {@link #perLine()} gives a view without the batch method.
 */
final class RecordingSink implements BatchSink {
  private final BitSet ids = new BitSet();
  private final int[] levelCounts = new int[128];
  private long lines;
  private long duplicates;
  private long batches;
  private long flushes;
  private long maxBatch;
  private boolean closed;
  private boolean closedAfterFlush;
  private volatile long delayNanosPerCall;
  private volatile boolean failing;
  private volatile CountDownLatch gate;
  private final CountDownLatch entered = new CountDownLatch(1);

  @Override
  public void write(Level level, byte[] line, int offset, int length) throws IOException {
    writeBatch(line, offset, length, 1);
  }

  @Override
  public void writeBatch(byte[] buf, int offset, int length, int n) throws IOException {
    entered.countDown();
    pass();
    if (failing) {
      throw new IOException("delegate failing");
    }
    if (length != n * TestLines.LENGTH) {
      throw new AssertionError("batch of " + n + " lines has " + length + " bytes");
    }
    synchronized (this) {
      for (int i = 0; i < n; i++) {
        int at = offset + i * TestLines.LENGTH;
        if (buf[at + TestLines.LENGTH - 1] != '\n') {
          throw new AssertionError("line does not end in a newline");
        }
        int id = (int) TestLines.id(buf, at);
        if (ids.get(id)) {
          duplicates++;
        }
        ids.set(id);
        levelCounts[TestLines.level(buf, at)]++;
      }
      lines += n;
      batches++;
      maxBatch = Math.max(maxBatch, n);
    }
  }

  private void pass() {
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long delay = delayNanosPerCall;
    if (delay > 0) {
      long end = System.nanoTime() + delay;
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    }
  }

  @Override
  public synchronized void flush() {
    flushes++;
  }

  @Override
  public synchronized void close() {
    closed = true;
    closedAfterFlush = flushes > 0;
  }

  /** Blocks every call until {@link #open()}. */
  RecordingSink closeGate() {
    gate = new CountDownLatch(1);
    return this;
  }

  void open() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
  }

  boolean awaitEntered(long millis) throws InterruptedException {
    return entered.await(millis, TimeUnit.MILLISECONDS);
  }

  RecordingSink delayPerCall(long nanos) {
    delayNanosPerCall = nanos;
    return this;
  }

  void setFailing(boolean failing) {
    this.failing = failing;
  }

  /** A view of this sink that has no batch method, so it is called once per line. */
  Sink perLine() {
    RecordingSink self = this;
    return new Sink() {
      @Override
      public void write(Level level, byte[] line, int offset, int length) throws IOException {
        if (level.name().charAt(0) != TestLines.level(line, offset)) {
          throw new AssertionError("level " + level + " does not match the line");
        }
        self.write(level, line, offset, length);
      }

      @Override
      public void flush() {
        self.flush();
      }

      @Override
      public void close() {
        self.close();
      }
    };
  }

  @Override
  public String toString() {
    return "recording";
  }

  synchronized boolean has(long id) {
    return ids.get((int) id);
  }

  synchronized BitSet ids() {
    return (BitSet) ids.clone();
  }

  synchronized long lines() {
    return lines;
  }

  synchronized long lines(Level level) {
    return levelCounts[level.name().charAt(0)];
  }

  synchronized long duplicates() {
    return duplicates;
  }

  synchronized long batches() {
    return batches;
  }

  synchronized long maxBatch() {
    return maxBatch;
  }

  synchronized long flushes() {
    return flushes;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  synchronized boolean closedAfterFlush() {
    return closedAfterFlush;
  }
}
