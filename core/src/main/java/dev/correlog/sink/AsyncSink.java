package dev.correlog.sink;

import dev.correlog.Level;
import dev.correlog.internal.sink.AsyncQueue;
import dev.correlog.internal.sink.AsyncWriter;
import dev.correlog.internal.sink.BatchSink;
import dev.correlog.internal.sink.BatchWriter;
import dev.correlog.internal.sink.LineRing;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Decouples the application from I/O: {@code write} copies the line into a bounded queue and
 * returns; one daemon thread, {@code correlog-async-writer}, hands queued lines to the delegate and
 * flushes it once per batch. When the delegate is a sink of this package, contiguous lines go to
 * the operating system in one write; any other delegate gets one line per call. Room in the queue
 * is freed as soon as each line (or each run of lines, for sinks of this package) is handed over.
 *
 * <p>The queue is allocated up front: {@link Builder#capacity(int) capacity} lines in an arena of
 * {@link Builder#bufferBytes(int) bufferBytes}; queuing a line allocates nothing. Producers claim
 * room with one compare-and-set, without a lock. Lines below WARN may use seven eighths of the
 * queue; the rest is kept for WARN and ERROR lines.
 *
 * <h2>When the queue is full</h2>
 *
 * <ul>
 *   <li>A line below WARN, under {@link OverflowPolicy#DROP_BELOW_WARN}: dropped at once, counted
 *       in {@link #dropped()}; {@link #offer} returns false. Until the writer frees room again,
 *       later lines below WARN are dropped without trying the queue, and {@link #accepting} says
 *       so, so that Correlog does not encode lines that would be dropped.
 *   <li>A line below WARN, under {@link OverflowPolicy#BLOCK}: the caller waits for room, at most
 *       {@link Builder#maxWait(Duration) maxWait} (every caller its own wait), then it is dropped
 *       and counted as above.
 *   <li>A WARN or ERROR line, under either policy: the caller waits for room as long as the writer
 *       keeps freeing some, so callers are slowed to the delegate's pace rather than losing lines:
 *       a WARN line is never dropped while the writer makes progress, however long the delegate
 *       cannot keep up. Only when the writer frees nothing for {@code maxWait} (a delegate stuck in
 *       one call) is the line refused: counted in {@link #refused()}, and {@code write} throws, so
 *       that Correlog copies it to stderr and counts a sink failure. Under {@code DROP_BELOW_WARN},
 *       once a wait has ended that way, later WARN and ERROR lines are refused at once until the
 *       writer frees room again, so a stuck delegate costs callers one {@code maxWait}, not one per
 *       line.
 *   <li>A line longer than a quarter of the arena is never queued: dropped below WARN, refused at
 *       WARN and above.
 * </ul>
 *
 * <p>A delegate that throws anything is counted ({@link #writeFailures()}, per line) and reported
 * on stderr (at most one notice per 10 seconds); its WARN and ERROR lines are copied to the {@link
 * Builder#fallback(Sink) fallback}, and the writer carries on. If the writer thread dies anyway (an
 * error in its own code, the thread stopped), the sink goes <em>direct</em>: the lines still queued
 * are written, then each caller writes its line to the delegate itself, under a lock, and nothing
 * is dropped any more.
 *
 * <p>The drop reporter is called from the writer thread every {@link
 * Builder#dropReportInterval(Duration)} with the number of lines dropped since its previous call,
 * when that is more than zero, and a last time on close and at JVM shutdown.
 *
 * <p>{@link #flush()} waits until the lines queued before it are written and the delegate flushed.
 * {@link #close()} stops taking lines, writes what is queued, then closes the delegate. A shutdown
 * hook, when the JVM exits normally or on SIGTERM or SIGINT, writes what is queued, flushes the
 * delegate and turns the sink direct, so that lines logged by other shutdown hooks and threads
 * still running are written too; it waits at most {@link Builder#closeTimeout(Duration)
 * closeTimeout}. On SIGKILL or a JVM crash, lines still queued are lost: at most the queue's
 * capacity, the lines of the last few milliseconds under normal load.
 */
public final class AsyncSink implements Sink {
  private final AsyncWriter writer;
  private final AsyncQueue queue;
  private final Sink delegate;

  private AsyncSink(Builder b) {
    this.delegate = b.delegate;
    LineRing ring = new LineRing(b.capacity, b.bufferBytes);
    Sink fallback = b.fallback != null ? b.fallback : Sinks.stderr();
    fallback = fallback == delegate ? null : fallback; // Never copied to where it failed.
    long every = b.dropReportInterval.toNanos();
    this.writer =
        new AsyncWriter(ring, delegate, batchWriter(delegate), fallback, b.dropReporter, every);
    writer.start();
    this.queue =
        new AsyncQueue(
            ring, writer, delegate, b.policy, b.maxWait.toNanos(), b.closeTimeout, b.shutdownHook);
  }

  /** The batch method of the sinks of this package, which need not be public. */
  private static BatchWriter batchWriter(Sink delegate) {
    if (delegate instanceof FileSink) {
      return ((FileSink) delegate)::writeLines;
    }
    if (delegate instanceof DiscardingSink) {
      return ((DiscardingSink) delegate)::countLines;
    }
    if (delegate instanceof BatchSink) {
      return (BatchSink) delegate;
    }
    return null;
  }

  /** A builder for an asynchronous sink writing to {@code delegate}. */
  public static Builder builder(Sink delegate) {
    return new Builder(delegate);
  }

  /** As {@link #offer}, without saying whether a line below WARN was dropped (it is counted). */
  @Override
  public void write(Level level, byte[] line, int offset, int length) throws IOException {
    queue.offer(level, line, offset, length);
  }

  /**
   * Queues a copy of the line, waiting for room as the class comment says; once the sink is direct,
   * writes it to the delegate on this thread.
   *
   * @return false when a line below WARN was dropped (counted in {@link #dropped()})
   * @throws IOException when the sink is closed, a WARN or ERROR line was refused (counted in
   *     {@link #refused()}), or, direct, the delegate failed
   */
  @Override
  public boolean offer(Level level, byte[] line, int offset, int length) throws IOException {
    return queue.offer(level, line, offset, length);
  }

  /**
   * False when a line of {@code level} would be dropped now: below WARN, under {@link
   * OverflowPolicy#DROP_BELOW_WARN}, when the last such line found the queue full and the writer
   * has freed no room since; that line is then counted in {@link #dropped()} (see {@link
   * Sink#accepting}). Otherwise true; two volatile reads.
   */
  @Override
  public boolean accepting(Level level) {
    return queue.accepting(level);
  }

  /**
   * Waits until the lines queued before it are written, and the delegate flushed; at most {@code
   * closeTimeout}, then throws.
   */
  @Override
  public void flush() throws IOException {
    queue.flush();
  }

  /**
   * Stops taking lines, writes the queued ones, closes the delegate, removes the shutdown hook;
   * later writes throw. Throws when that takes over {@code closeTimeout} (it carries on).
   */
  @Override
  public void close() throws IOException {
    queue.close();
  }

  /**
   * Sets the drop reporter when the builder set none. A {@code Correlog} built with this sink uses
   * it to log drops as {@code correlog.dropped} events; returns true if set.
   */
  public boolean reportDropsIfUnset(LongConsumer reporter) {
    return writer.drops().reporterIfAbsent(Objects.requireNonNull(reporter, "reporter"));
  }

  /** Lines queued and not yet handed to the delegate. */
  public int queueDepth() {
    return queue.depth();
  }

  /** Lines below WARN not queued (overflow policy, too long, {@link #accepting} false): lost. */
  public long dropped() {
    return writer.drops().dropped();
  }

  /**
   * WARN and ERROR lines that were not queued (the writer freed nothing for {@code maxWait}, or the
   * line was too long): {@code write} threw, and Correlog copied them to stderr.
   */
  public long refused() {
    return writer.drops().refused();
  }

  /** Lines the delegate took without throwing. */
  public long written() {
    return writer.written();
  }

  /** Lines the delegate threw on (all the lines of a failed batch). */
  public long writeFailures() {
    return writer.failed();
  }

  /** True once the writer is gone (died, or handed over at shutdown) and callers write directly. */
  public boolean isDirect() {
    return writer.isDirect();
  }

  @Override
  public String toString() {
    return "async(" + delegate + ")";
  }

  /** The writer thread; for tests. */
  Thread writerThread() {
    return writer.thread();
  }

  /** The registered shutdown hook, or null; for tests. */
  Thread shutdownHook() {
    return queue.shutdownHook();
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
      this.capacity = LineRing.powerOfTwo(lines, 8, 1 << 29, "capacity");
      return this;
    }

    /**
     * Bytes of the queue's arena, rounded up to a power of two; a line longer than a quarter of it
     * is dropped. Default 2 MiB.
     */
    public Builder bufferBytes(int bytes) {
      this.bufferBytes = LineRing.powerOfTwo(bytes, 64, 1 << 30, "bufferBytes");
      return this;
    }

    /** What to do when the queue is full. Default {@link OverflowPolicy#DROP_BELOW_WARN}. */
    public Builder overflowPolicy(OverflowPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The longest a caller of a line below WARN waits for room under {@link OverflowPolicy#BLOCK};
     * for a WARN or ERROR line, the longest the writer may free nothing before the line is refused.
     * Default 1 second.
     */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = AsyncQueue.nonNegative(maxWait, "maxWait");
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
      this.closeTimeout = AsyncQueue.nonNegative(closeTimeout, "closeTimeout");
      return this;
    }

    /**
     * Whether to write the queue when the JVM shuts down and turn direct (see the class comment).
     * Default true.
     */
    public Builder shutdownHook(boolean shutdownHook) {
      this.shutdownHook = shutdownHook;
      return this;
    }

    /** Allocates the queue and starts the writer thread. */
    public AsyncSink build() {
      return new AsyncSink(this);
    }
  }
}
