package dev.correlog.sink;

import dev.correlog.Level;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes nothing and counts the lines it was given: for benchmarks, and for measuring what the rest
 * of the pipeline costs. Create one with {@link Sinks#discarding()}.
 */
public final class DiscardingSink implements Sink {
  private final LongAdder count = new LongAdder();

  DiscardingSink() {}

  @Override
  public void write(Level level, byte[] line, int offset, int length) {
    count.increment();
  }

  /** Counts {@code lines} lines: the batch method {@link AsyncSink} uses. */
  void countLines(byte[] buf, int offset, int length, int lines) {
    count.add(lines);
  }

  /** The number of lines written so far. */
  public long count() {
    return count.sum();
  }

  @Override
  public String toString() {
    return "discarding";
  }
}
