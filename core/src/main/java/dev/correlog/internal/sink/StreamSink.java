package dev.correlog.internal.sink;

import dev.correlog.Level;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes lines to an unbuffered stream (standard output or error), one {@code write} call per line
 * or per batch, under one lock, so a line is never interleaved with another line of this sink.
 *
 * <p>Nothing is held in user space: a line reaches the operating system before {@code write}
 * returns, so container logs appear at once. Wrap this sink in an asynchronous sink to carry many
 * lines per system call. If the stream fails (closed pipe, closed descriptor) the call throws and
 * the next call tries again. {@link #close()} does not close the stream: standard output belongs to
 * the process.
 */
public final class StreamSink implements BatchSink {
  private final OutputStream out;
  private final String name;
  // A lock rather than synchronized: a virtual thread blocked in write must not pin its carrier.
  private final ReentrantLock lock = new ReentrantLock();

  public StreamSink(OutputStream out, String name) {
    this.out = out;
    this.name = name;
  }

  @Override
  public void write(Level level, byte[] line, int offset, int length) throws IOException {
    writeBatch(line, offset, length, 1);
  }

  @Override
  public void writeBatch(byte[] buf, int offset, int length, int lines) throws IOException {
    lock.lock();
    try {
      out.write(buf, offset, length);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void flush() throws IOException {
    lock.lock();
    try {
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  /** Flushes; the underlying stream stays open. */
  @Override
  public void close() throws IOException {
    flush();
  }

  @Override
  public String toString() {
    return name;
  }
}
