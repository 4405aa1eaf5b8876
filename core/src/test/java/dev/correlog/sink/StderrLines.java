package dev.correlog.sink;

import dev.correlog.internal.Reporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures, until closed, what Correlog prints on stderr: its notices ({@link System#err}) and the
 * log lines it copies there ({@link Reporter#copyLine}), so that tests provoking failures on
 * purpose print nothing alarming.
 */
final class StderrLines implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream notices = new ByteArrayOutputStream();
  private final ByteArrayOutputStream lines = new ByteArrayOutputStream();

  StderrLines() {
    System.setErr(new PrintStream(notices, true, StandardCharsets.UTF_8));
    Reporter.redirectLineCopies(lines);
  }

  /** Notices printed so far. */
  synchronized String text() {
    System.err.flush();
    return notices.toString(StandardCharsets.UTF_8);
  }

  /** Log lines copied so far. */
  String copiedLines() {
    synchronized (lines) {
      return lines.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setErr(original);
    Reporter.redirectLineCopies(null);
  }
}
