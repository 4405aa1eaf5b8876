package dev.correlog.sink;

import dev.correlog.Level;
import dev.correlog.internal.sink.BatchSink;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes nothing and counts the lines it was given: for benchmarks, and for measuring what the rest
 * of the pipeline costs. Create one with {@link Sinks#discarding()}.
 */
public final class DiscardingSink implements BatchSink {
  private final LongAdder count = new LongAdder();

  DiscardingSink() {}

  @Override
  public void write(Level level, byte[] line, int offset, int length) {
    count.increment();
  }

  /** Counts {@code lines} lines; part of the batch contract used by {@link AsyncSink}. */
  @Override
  public void writeBatch(byte[] buf, int offset, int length, int lines) {
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
