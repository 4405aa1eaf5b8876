package dev.correlog.internal.sink;

import dev.correlog.Level;
import dev.correlog.internal.Reporter;
import dev.correlog.sink.OverflowPolicy;
import dev.correlog.sink.Sink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producers' side of an asynchronous sink ({@code dev.correlog.sink.AsyncSink}, whose class
 * comment states the behaviour): queues lines into the {@link LineRing} by the overflow policy,
 * waits for room, flushes, closes, and hands over to direct writes at JVM shutdown. The {@link
 * AsyncWriter} is the consuming side.
 */
public final class AsyncQueue {
  private final LineRing ring;
  private final AsyncWriter writer;
  private final Progress progress;
  private final QueueDrops drops;
  private final Sink delegate;
  private final boolean dropBelowWarn;
  private final long maxWaitNanos;
  private final long closeTimeoutNanos;
  private final String closeTimeout;
  private final Thread shutdownHook;
  private final AtomicBoolean hookRemoved = new AtomicBoolean();

  /** Starts nothing: {@code writer} is already running; registers the shutdown hook if asked. */
  public AsyncQueue(
      LineRing ring,
      AsyncWriter writer,
      Sink delegate,
      OverflowPolicy policy,
      long maxWaitNanos,
      Duration closeTimeout,
      boolean shutdownHook) {
    this.ring = ring;
    this.writer = writer;
    this.progress = writer.progress();
    this.drops = writer.drops();
    this.delegate = delegate;
    this.dropBelowWarn = policy == OverflowPolicy.DROP_BELOW_WARN;
    this.maxWaitNanos = maxWaitNanos;
    this.closeTimeoutNanos = closeTimeout.toNanos();
    this.closeTimeout = closeTimeout.toString();
    Thread hook = null;
    if (shutdownHook) {
      hook = new Thread(this::handOverOnShutdown, "correlog-async-shutdown");
      try {
        Runtime.getRuntime().addShutdownHook(hook);
      } catch (IllegalStateException e) {
        hook = null; // Built while the JVM shuts down: too late for a hook.
      }
    }
    this.shutdownHook = hook;
  }

  /**
   * {@code d}, checked for a builder.
   *
   * @throws IllegalArgumentException when it is negative
   */
  public static Duration nonNegative(Duration d, String name) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
    return d;
  }

  /** Lines queued and not yet handed to the delegate. */
  public int depth() {
    return ring.depth();
  }

  /** The registered shutdown hook, or null. */
  public Thread shutdownHook() {
    return shutdownHook;
  }

  /** See {@code AsyncSink.offer}. */
  public boolean offer(Level level, byte[] line, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, line.length);
    if (length == 0) {
      return true;
    }
    if (writer.isDirect()) {
      writer.writeDirect(level, line, offset, length);
      return true;
    }
    boolean important = level.isAtLeast(Level.WARN);
    if (length > ring.maxLineBytes()) {
      return refuse(
          important, "line of " + length + " bytes is longer than " + ring.maxLineBytes());
    }
    boolean dropping = !important && dropBelowWarn;
    long freedBefore = 0;
    if (dropping) {
      if (progress.fullSinceDrop()) {
        return refuse(false, "queue full");
      }
      freedBefore = progress.freedCount(); // Before the claim: see Progress.markFull.
    }
    long claim = ring.claim(length, important);
    if (claim == LineRing.FULL && dropping) {
      progress.markFull(freedBefore);
    }
    if (claim == LineRing.FULL && !writer.isWriterThread()) {
      if (important) {
        claim = progress.awaitImportantClaim(length, maxWaitNanos, dropBelowWarn);
      } else if (!dropBelowWarn) {
        claim = progress.awaitClaim(length, maxWaitNanos);
      }
    }
    if (claim == LineRing.FULL) {
      return refuse(important, "queue full");
    }
    if (claim == LineRing.CLOSED) {
      if (writer.isHandingOver()) {
        awaitWriter(closeTimeoutNanos);
      }
      if (writer.isDirect()) {
        writer.writeDirect(level, line, offset, length);
        return true;
      }
      throw new IOException("asynchronous sink is closed");
    }
    ring.publish(claim, level, line, offset, length);
    writer.wake();
    return true;
  }

  /** See {@code AsyncSink.accepting}. */
  public boolean accepting(Level level) {
    if (!dropBelowWarn
        || level.isAtLeast(Level.WARN)
        || !progress.fullSinceDrop()
        || writer.isDirect()) {
      return true;
    }
    drops.countDrop();
    return false;
  }

  /** See {@code AsyncSink.flush}. */
  public void flush() throws IOException {
    if (writer.isDirect()) {
      writer.flushDirect(closeTimeoutNanos);
      return;
    }
    try {
      if (!progress.awaitFlushed(ring.tailSeq(), closeTimeoutNanos)) {
        if (writer.isDirect()) {
          writer.flushDirect(closeTimeoutNanos); // The writer died or handed over while we waited.
          return;
        }
        throw new IOException(
            "asynchronous sink: " + ring.depth() + " lines not written within " + closeTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while flushing the asynchronous sink");
    }
  }

  /** See {@code AsyncSink.close}. */
  public void close() throws IOException {
    removeHook();
    if (writer.isDirect()) {
      writer.closeDirect();
      return;
    }
    writer.requestClose();
    if (writer.isWriterThread()) {
      return;
    }
    try {
      if (!writer.awaitTermination(closeTimeoutNanos)) {
        throw new IOException(
            "asynchronous sink: "
                + ring.depth()
                + " lines still queued for "
                + delegate
                + " after "
                + closeTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while closing the asynchronous sink");
    }
    if (writer.isDirect()) {
      writer.closeDirect(); // The writer died before it could close the delegate.
    }
  }

  private boolean refuse(boolean important, String why) throws IOException {
    if (important) {
      drops.countRefused();
      throw new IOException("asynchronous sink could not queue a WARN or ERROR line: " + why);
    }
    drops.countDrop();
    return false;
  }

  private void awaitWriter(long nanos) throws InterruptedIOException {
    try {
      writer.awaitTermination(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the asynchronous sink hands over");
    }
  }

  private void removeHook() {
    if (shutdownHook != null && hookRemoved.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down; the hook is running or done.
      }
    }
  }

  /**
   * At JVM shutdown: reports drops (while the queue still takes the report), writes what is queued,
   * flushes the delegate and turns direct; then reports drops counted meanwhile, on stderr when
   * there is no drop reporter.
   */
  private void handOverOnShutdown() {
    try {
      drops.report();
      writer.requestHandOver();
      if (!writer.awaitTermination(closeTimeoutNanos)) {
        Reporter.print(
            "asynchronous sink: "
                + ring.depth()
                + " lines not written at shutdown within "
                + closeTimeout
                + "; they are lost");
        return;
      }
      writer.flushDirect(closeTimeoutNanos);
      drops.report();
      long unreported = drops.unreported();
      if (unreported > 0) {
        Reporter.print(
            "asynchronous sink: "
                + unreported
                + " lines below WARN were dropped (queue full or line too long) and not reported"
                + " before shutdown");
      }
    } catch (Throwable e) {
      Reporter.once("async-shutdown", "asynchronous sink: hand-over at shutdown failed", e);
    }
  }
}
