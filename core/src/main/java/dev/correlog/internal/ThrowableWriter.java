package dev.correlog.internal;

import java.util.IdentityHashMap;

/**
 * Renders a throwable's stack as the JDK prints it (with "Caused by:" and "Suppressed:" sections,
 * common frames elided, cycles marked {@code [CIRCULAR REFERENCE: ..]}) into a reused StringBuilder
 * that stops growing at a cap. Used only on the error path, but an error path that a failing
 * dependency can make hot: each line's parts are appended straight into the buffer (no string per
 * frame beyond the JDK's own {@code StackTraceElement.toString()}), and the set of throwables seen
 * is reused and emptied after each stack, so it keeps no throwable alive.
 */
public final class ThrowableWriter {
  private final StringBuilder sb = new StringBuilder(1024);
  private final IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
  private int cap;
  private int lineStart = -1; // Where the line being written began; -1 between lines.

  /** The stack of {@code t}, at most {@code maxChars} long. */
  public CharSequence stack(Throwable t, int maxChars) {
    sb.setLength(0);
    cap = maxChars;
    try {
      append(t, null, "", "");
    } catch (RuntimeException | StackOverflowError e) {
      // A throwable whose toString() or getStackTrace() misbehaves: keep what we have.
      if (lineStart >= 0) {
        sb.setLength(lineStart); // The half-written line goes; the marker takes its place.
        lineStart = -1;
      }
      line("[stack rendering failed: " + e.getClass().getName() + "]");
    } finally {
      seen.clear();
    }
    return sb;
  }

  /** Releases a large buffer after an unusually big stack. */
  public void trim() {
    if (sb.capacity() > 64 * 1024) {
      sb.setLength(0);
      sb.trimToSize();
    }
  }

  private boolean full() {
    return sb.length() >= cap;
  }

  private void line(String s) {
    if (full()) {
      return;
    }
    begin();
    sb.append(s);
    end();
  }

  /** Starts a line whose parts are appended directly; {@link #end} applies the cap. */
  private void begin() {
    lineStart = sb.length();
  }

  /**
   * Ends the line begun at {@link #begin}: a line that fits within the cap gets its newline; one
   * that does not is cut at the cap, with no newline (the buffer is then full).
   */
  private void end() {
    lineStart = -1;
    if (sb.length() > cap) {
      sb.setLength(cap);
    } else {
      sb.append('\n');
    }
  }

  private void append(Throwable t, StackTraceElement[] enclosing, String caption, String prefix) {
    if (full()) {
      return;
    }
    if (seen.put(t, Boolean.TRUE) != null) {
      begin();
      sb.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ");
      sb.append(safeToString(t)).append(']');
      end();
      return;
    }
    StackTraceElement[] trace = t.getStackTrace();
    int m = trace.length - 1;
    if (enclosing != null) {
      int n = enclosing.length - 1;
      while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
        m--;
        n--;
      }
    }
    int inCommon = trace.length - 1 - m;
    begin();
    sb.append(prefix).append(caption).append(safeToString(t));
    end();
    for (int i = 0; i <= m && !full(); i++) {
      begin();
      sb.append(prefix).append("\tat ").append(trace[i]);
      end();
    }
    if (inCommon != 0 && !full()) {
      begin();
      sb.append(prefix).append("\t... ").append(inCommon).append(" more");
      end();
    }
    Throwable[] suppressed = t.getSuppressed();
    if (suppressed.length != 0) {
      String inner = prefix + "\t";
      for (Throwable s : suppressed) {
        append(s, trace, "Suppressed: ", inner);
      }
    }
    Throwable cause = t.getCause();
    if (cause != null) {
      append(cause, trace, "Caused by: ", prefix);
    }
  }

  /** {@code t.toString()}, or a marker when that throws. */
  public static String safeToString(Throwable t) {
    try {
      return String.valueOf(t);
    } catch (RuntimeException | StackOverflowError e) {
      return t.getClass().getName() + " [toString() threw " + e.getClass().getName() + "]";
    }
  }

  /** {@code t.getMessage()}, or a marker when that throws. */
  public static String safeMessage(Throwable t) {
    try {
      return t.getMessage();
    } catch (RuntimeException | StackOverflowError e) {
      return "[getMessage() threw " + e.getClass().getName() + "]";
    }
  }
}
