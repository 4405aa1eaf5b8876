package dev.correlog.context;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures {@link System#err} until closed. */
final class StderrLines implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  StderrLines() {
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  long containing(String fragment) {
    System.err.flush();
    return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(fragment)).count();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
