package dev.correlog.benchmarks.event;

import dev.correlog.Level;
import dev.correlog.sink.Sink;

/** Takes lines and keeps only a running checksum, so the JIT cannot drop the work. */
public final class DiscardingSink implements Sink {
  public long bytes;

  @Override
  public void write(Level level, byte[] line, int offset, int length) {
    bytes += length + line[offset + length - 2];
  }
}
