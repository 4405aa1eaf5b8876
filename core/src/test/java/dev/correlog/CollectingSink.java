package dev.correlog;

import dev.correlog.sink.Sink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Keeps raw lines (with their newline) for the core's own tests; can be told to fail. */
final class CollectingSink implements Sink {
  private final List<String> lines = new ArrayList<>();
  private final List<Level> levels = new ArrayList<>();
  volatile boolean failing;

  @Override
  public synchronized void write(Level level, byte[] line, int offset, int length)
      throws IOException {
    if (failing) {
      throw new IOException("simulated failure");
    }
    lines.add(new String(line, offset, length, StandardCharsets.UTF_8));
    levels.add(level);
  }

  synchronized List<String> rawLines() {
    return new ArrayList<>(lines);
  }

  synchronized List<Level> levels() {
    return new ArrayList<>(levels);
  }

  synchronized void clear() {
    lines.clear();
    levels.clear();
  }
}
