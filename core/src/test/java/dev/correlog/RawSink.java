package dev.correlog;

import dev.correlog.sink.Sink;
import java.util.ArrayList;
import java.util.List;

/** Keeps every line's exact bytes (with the newline), so tests can check UTF-8 and the cap. */
final class RawSink implements Sink {
  private final List<byte[]> lines = new ArrayList<>();

  @Override
  public synchronized void write(Level level, byte[] line, int offset, int length) {
    lines.add(java.util.Arrays.copyOfRange(line, offset, offset + length));
  }

  synchronized List<byte[]> lines() {
    return new ArrayList<>(lines);
  }

  synchronized void clear() {
    lines.clear();
  }
}
