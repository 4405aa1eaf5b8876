package dev.correlog.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Renders a throwable's stack as the JDK prints it (with "Caused by:" and "Suppressed:" sections,
 * common frames elided, cycles marked {@code [CIRCULAR REFERENCE: ..]}) into a reused StringBuilder
 * that stops growing at a cap. Used only on the error path.
 */
public final class ThrowableWriter {
  private final StringBuilder sb = new StringBuilder(1024);
  private int cap;

  /** The stack of {@code t}, at most {@code maxChars} long. */
  public CharSequence stack(Throwable t, int maxChars) {
    sb.setLength(0);
    cap = maxChars;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    try {
      append(t, null, "", "", seen);
    } catch (RuntimeException | StackOverflowError e) {
      // A throwable whose toString() or getStackTrace() misbehaves: keep what we have.
      line("[stack rendering failed: " + e.getClass().getName() + "]");
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
    int room = cap - sb.length();
    if (s.length() > room) {
      sb.append(s, 0, room);
    } else {
      sb.append(s).append('\n');
    }
  }

  private void append(
      Throwable t,
      StackTraceElement[] enclosing,
      String caption,
      String prefix,
      Set<Throwable> seen) {
    if (full()) {
      return;
    }
    if (!seen.add(t)) {
      line(prefix + caption + "[CIRCULAR REFERENCE: " + safeToString(t) + "]");
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
    line(prefix + caption + safeToString(t));
    for (int i = 0; i <= m && !full(); i++) {
      line(prefix + "\tat " + trace[i]);
    }
    if (inCommon != 0) {
      line(prefix + "\t... " + inCommon + " more");
    }
    for (Throwable s : t.getSuppressed()) {
      append(s, trace, "Suppressed: ", prefix + "\t", seen);
    }
    Throwable cause = t.getCause();
    if (cause != null) {
      append(cause, trace, "Caused by: ", prefix, seen);
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
