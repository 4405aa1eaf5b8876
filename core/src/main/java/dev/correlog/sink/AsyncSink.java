package dev.correlog.sink;

import dev.correlog.Level;
import dev.correlog.internal.Reporter;
import dev.correlog.internal.sink.AsyncWriter;
import dev.correlog.internal.sink.LineRing;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Decouples the application from I/O: {@code write} copies the line into a bounded queue and
 * returns; one daemon thread, {@code correlog-async-writer}, hands queued lines to the delegate in
 * batches and flushes it once per batch. When the delegate is a sink of this package, a batch of
 * contiguous lines goes to the operating system in one write.
 *
 * <p>The queue is allocated up front: {@link Builder#capacity(int) capacity} lines in an arena of
 * {@link Builder#bufferBytes(int) bufferBytes}; queuing a line allocates nothing. Producers claim
 * room with one compare-and-set, without a lock. Lines below WARN may use seven eighths of the
 * queue; the rest is kept for WARN and ERROR lines.
 *
 * <p>When a line cannot be queued (queue full per the {@link OverflowPolicy}, or the line longer
 * than a quarter of the arena) it is dropped and counted in {@link #dropped()}; if it is a WARN or
 * ERROR line, {@code write} also throws, so that Correlog copies it to stderr. The drop reporter is
 * called from the writer thread every {@link Builder#dropReportInterval(Duration)} with the number
 * of lines dropped since its previous call, when that is more than zero, and a last time on close.
 *
 * <p>A delegate that throws is counted ({@link #writeFailures()}, per line) and reported once on
 * stderr; its WARN and ERROR lines are copied to the {@link Builder#fallback(Sink) fallback}. A
 * delegate that blocks fills the queue: then lines are dropped per the policy, and callers wait at
 * most {@link Builder#maxWait(Duration) maxWait}. Once a wait has ended with the writer freeing
 * nothing, later lines do not wait until it frees room again, so a stuck delegate costs callers one
 * {@code maxWait}, not one per line.
 *
 * <p>{@link #flush()} waits until the lines queued before it are written and the delegate flushed.
 * {@link #close()} stops taking lines, writes what is queued, then closes the delegate. A shutdown
 * hook flushes the queue when the JVM exits; {@code close} removes it. Both wait at most {@link
 * Builder#closeTimeout(Duration) closeTimeout}.
 */
public final class AsyncSink implements Sink {
  private final LineRing ring;
  private final AsyncWriter writer;
  private final Sink delegate;
  private final OverflowPolicy policy;
  private final long maxWaitNanos;
  private final Duration closeTimeout;
  private final Thread shutdownHook;
  private final AtomicBoolean hookRemoved = new AtomicBoolean();

  private AsyncSink(Builder b) {
    this.delegate = b.delegate;
    this.policy = b.policy;
    this.maxWaitNanos = b.maxWait.toNanos();
    this.closeTimeout = b.closeTimeout;
    this.ring = new LineRing(b.capacity, b.bufferBytes);
    Sink fallback = b.fallback != null ? b.fallback : Sinks.stderr();
    this.writer =
        new AsyncWriter(
            ring,
            delegate,
            fallback == delegate ? null : fallback,
            b.dropReporter,
            b.dropReportInterval.toNanos());
    writer.start();
    Thread hook = null;
    if (b.shutdownHook) {
      hook = new Thread(this::flushOnShutdown, "correlog-async-shutdown");
      try {
        Runtime.getRuntime().addShutdownHook(hook);
      } catch (IllegalStateException e) {
        hook = null; // Built while the JVM shuts down: too late for a hook.
      }
    }
    this.shutdownHook = hook;
  }

  /** A builder for an asynchronous sink writing to {@code delegate}. */
  public static Builder builder(Sink delegate) {
    return new Builder(delegate);
  }

  /**
   * Queues a copy of the line. Never waits for lines below WARN under {@link
   * OverflowPolicy#DROP_BELOW_WARN}; otherwise waits at most {@code maxWait} for room.
   *
   * @throws IOException when the sink is closed, or a WARN or ERROR line could not be queued
   */
  @Override
  public void write(Level level, byte[] line, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, line.length);
    boolean important = level.isAtLeast(Level.WARN);
    if (length == 0) {
      return;
    }
    if (length > ring.maxLineBytes()) {
      drop(important, "line of " + length + " bytes is longer than " + ring.maxLineBytes());
      return;
    }
    long claim = ring.claim(length, important);
    if (claim == LineRing.FULL
        && (important || policy == OverflowPolicy.BLOCK)
        && !writer.isWriterThread()) {
      claim = writer.progress().awaitClaim(length, important, maxWaitNanos);
    }
    if (claim == LineRing.FULL) {
      drop(important, "queue full");
      return;
    }
    if (claim == LineRing.CLOSED) {
      throw new IOException("asynchronous sink is closed");
    }
    ring.publish(claim, level, line, offset, length);
    writer.wake();
  }

  /**
   * Waits until the lines queued before this call are written and the delegate is flushed.
   *
   * @throws IOException when that takes longer than {@code closeTimeout}
   */
  @Override
  public void flush() throws IOException {
    try {
      if (!writer.progress().awaitFlushed(ring.tailSeq(), closeTimeout.toNanos())) {
        throw new IOException(
            "asynchronous sink: " + queueDepth() + " lines not written within " + closeTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while flushing the asynchronous sink");
    }
  }

  /**
   * Stops taking lines, writes the queued ones, flushes and closes the delegate, and removes the
   * shutdown hook. Later writes throw.
   *
   * @throws IOException when the writer has not finished within {@code closeTimeout}; it carries on
   *     in the background
   */
  @Override
  public void close() throws IOException {
    writer.requestClose();
    if (shutdownHook != null && hookRemoved.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down; the hook is running or done.
      }
    }
    if (writer.isWriterThread()) {
      return;
    }
    try {
      if (!writer.awaitTermination(closeTimeout.toNanos())) {
        throw new IOException(
            "asynchronous sink: "
                + queueDepth()
                + " lines still queued for "
                + delegate
                + " after "
                + closeTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while closing the asynchronous sink");
    }
  }

  /** Lines queued and not yet handed to the delegate. */
  /**
   * Sets the drop reporter when the builder set none. A {@code Correlog} built with this sink uses
   * it to log drops as {@code correlog.dropped} events; returns true if set.
   */
  public boolean reportDropsIfUnset(java.util.function.LongConsumer reporter) {
    return writer.dropReporterIfAbsent(Objects.requireNonNull(reporter, "reporter"));
  }

  public int queueDepth() {
    return ring.depth();
  }

  /** Lines that could not be queued: the queue was full, or the line too long. */
  public long dropped() {
    return writer.dropped();
  }

  /** Lines the delegate took without throwing. */
  public long written() {
    return writer.written();
  }

  /** Lines the delegate threw on (all the lines of a failed batch). */
  public long writeFailures() {
    return writer.failed();
  }

  @Override
  public String toString() {
    return "async(" + delegate + ")";
  }

  /** The registered shutdown hook, or null; for tests. */
  Thread shutdownHook() {
    return shutdownHook;
  }

  private void drop(boolean important, String why) throws IOException {
    writer.countDrop();
    if (important) {
      throw new IOException("asynchronous sink dropped a WARN or ERROR line: " + why);
    }
  }

  private void flushOnShutdown() {
    try {
      flush();
    } catch (IOException e) {
      Reporter.once("async-shutdown", "asynchronous sink: flush at shutdown incomplete", e);
    }
  }

  /** Configures an {@link AsyncSink}. */
  public static final class Builder {
    private final Sink delegate;
    private int capacity = 8192;
    private int bufferBytes = 2 << 20;
    private OverflowPolicy policy = OverflowPolicy.DROP_BELOW_WARN;
    private Duration maxWait = Duration.ofSeconds(1);
    private LongConsumer dropReporter;
    private Duration dropReportInterval = Duration.ofSeconds(10);
    private Sink fallback;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private boolean shutdownHook = true;

    private Builder(Sink delegate) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Lines the queue holds, rounded up to a power of two. Default 8192. */
    public Builder capacity(int lines) {
      this.capacity = powerOfTwo(lines, 8, 1 << 29, "capacity");
      return this;
    }

    /**
     * Bytes of the queue's arena, rounded up to a power of two; a line longer than a quarter of it
     * is dropped. Default 2 MiB.
     */
    public Builder bufferBytes(int bytes) {
      this.bufferBytes = powerOfTwo(bytes, 64, 1 << 30, "bufferBytes");
      return this;
    }

    /** What to do when the queue is full. Default {@link OverflowPolicy#DROP_BELOW_WARN}. */
    public Builder overflowPolicy(OverflowPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The longest a caller waits for room when the policy makes it wait. Default 1 second. */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = nonNegative(maxWait, "maxWait");
      return this;
    }

    /** Called from the writer thread with the number of lines dropped since its last call. */
    public Builder dropReporter(LongConsumer dropReporter) {
      this.dropReporter = Objects.requireNonNull(dropReporter, "dropReporter");
      return this;
    }

    /** How often the drop reporter is called, when lines were dropped. Default 10 seconds. */
    public Builder dropReportInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("dropReportInterval must be positive");
      }
      this.dropReportInterval = interval;
      return this;
    }

    /** Where WARN and ERROR lines go when the delegate throws on them. Default stderr. */
    public Builder fallback(Sink fallback) {
      this.fallback = Objects.requireNonNull(fallback, "fallback");
      return this;
    }

    /** The longest {@code flush}, {@code close} and the shutdown hook wait. Default 5 seconds. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = nonNegative(closeTimeout, "closeTimeout");
      return this;
    }

    /** Whether to flush the queue when the JVM shuts down. Default true. */
    public Builder shutdownHook(boolean shutdownHook) {
      this.shutdownHook = shutdownHook;
      return this;
    }

    /** Allocates the queue and starts the writer thread. */
    public AsyncSink build() {
      return new AsyncSink(this);
    }

    private static int powerOfTwo(int value, int min, int max, String name) {
      if (value < 1 || value > max) {
        throw new IllegalArgumentException(name + " must be in 1.." + max + ", was " + value);
      }
      return Math.max(min, Integer.highestOneBit(value - 1) << 1);
    }

    private static Duration nonNegative(Duration d, String name) {
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
      return d;
    }
  }
}
