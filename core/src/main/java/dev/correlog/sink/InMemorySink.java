package dev.correlog.sink;

import dev.correlog.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps lines in memory, for tests. Thread-safe. Each line is kept as a string, decoded from UTF-8,
 * without its final newline. With a capacity, the oldest lines are discarded to make room.
 *
 * <p>To test how callers handle a failing sink, {@link #failNext(int)} and {@link
 * #setFailing(boolean)} make {@code write} throw {@code IOException("simulated")} instead of
 * keeping the line. Closing the sink is recorded ({@link #isClosed()}); it keeps accepting lines.
 */
public final class InMemorySink implements Sink {
  private final int capacity;
  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private int failNext;
  private boolean failing;
  private boolean closed;

  /** An unbounded sink. */
  public InMemorySink() {
    this(Integer.MAX_VALUE);
  }

  /** A sink keeping at most {@code capacity} lines, the most recent ones. */
  public InMemorySink(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized void write(Level level, byte[] line, int offset, int length)
      throws IOException {
    if (failing || failNext > 0) {
      if (failNext > 0) {
        failNext--;
      }
      throw new IOException("simulated");
    }
    int n = length > 0 && line[offset + length - 1] == '\n' ? length - 1 : length;
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(new String(line, offset, n, StandardCharsets.UTF_8));
  }

  /** A copy of the lines kept, oldest first. */
  public synchronized List<String> lines() {
    return new ArrayList<>(lines);
  }

  /** The number of lines kept. */
  public synchronized int size() {
    return lines.size();
  }

  /** Forgets every line kept. */
  public synchronized void clear() {
    lines.clear();
  }

  /** Makes the next {@code n} writes throw {@code IOException("simulated")}. */
  public synchronized void failNext(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, was " + n);
    }
    failNext = n;
  }

  /** While {@code true}, every write throws {@code IOException("simulated")}. */
  public synchronized void setFailing(boolean failing) {
    this.failing = failing;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** True once {@link #close()} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "in-memory";
  }
}
