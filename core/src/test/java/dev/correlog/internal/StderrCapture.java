package dev.correlog.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what is printed on {@link System#err} until closed, then puts the old stream back. */
final class StderrCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  StderrCapture() {
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  String text() {
    System.err.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** How many lines of the captured text contain {@code fragment}. */
  long linesContaining(String fragment) {
    return text().lines().filter(l -> l.contains(fragment)).count();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
