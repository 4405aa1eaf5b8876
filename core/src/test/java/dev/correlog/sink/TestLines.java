package dev.correlog.sink;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.correlog.Level;
import java.io.IOException;

/**
 * Fixed-width JSON test lines carrying an id and a level letter, {@code
 * {"id":0000000042,"l":"W","p":"xx..."}\n}, written into a reused buffer and parsed back without
 * allocating.
 */
final class TestLines {
  static final int LENGTH = 120;
  private static final int ID_AT = 6;
  private static final int LEVEL_AT = 22;
  private static final byte[] TEMPLATE = template();

  private final byte[] buf = TEMPLATE.clone();

  TestLines() {}

  private static byte[] template() {
    String head = "{\"id\":0000000000,\"l\":\"I\",\"p\":\"";
    String tail = "\"}\n";
    return (head + "x".repeat(LENGTH - head.length() - tail.length()) + tail).getBytes(US_ASCII);
  }

  /** Writes line {@code id} at {@code level} to {@code sink}, reusing this object's buffer. */
  void write(Sink sink, long id, Level level) throws IOException {
    long v = id;
    for (int i = ID_AT + 9; i >= ID_AT; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    buf[LEVEL_AT] = (byte) level.name().charAt(0);
    sink.write(level, buf, 0, LENGTH);
  }

  static byte[] line(long id, Level level) {
    TestLines lines = new TestLines();
    byte[][] out = new byte[1][];
    try {
      lines.write(
          (l, b, off, len) -> out[0] = java.util.Arrays.copyOfRange(b, off, off + len), id, level);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out[0];
  }

  static long id(byte[] b, int lineStart) {
    long v = 0;
    for (int i = lineStart + ID_AT; i < lineStart + ID_AT + 10; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }

  static char level(byte[] b, int lineStart) {
    return (char) b[lineStart + LEVEL_AT];
  }

  /** Id of a line as kept by {@link InMemorySink}. */
  static long id(String line) {
    return Long.parseLong(line.substring(ID_AT, ID_AT + 10));
  }
}
