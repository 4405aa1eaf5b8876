package dev.correlog.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Correlog's own complaints go to stderr, once per kind, prefixed {@code correlog:}. Logging must
 * never throw into the application, so problems are reported here and counted instead. Reporting
 * never throws either: a throwable whose {@code toString()} throws is described by its class name.
 *
 * <p>Log lines that could not be written elsewhere (WARN and ERROR lines a sink failed to take) are
 * copied by {@link #copyLine} straight to the standard error file descriptor, not through {@link
 * System#err}: an application that sends {@code System.err} to a logger must not loop back here.
 */
public final class Reporter {
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
  private static final OutputStream STDERR = new FileOutputStream(FileDescriptor.err);
  private static volatile OutputStream lines = STDERR;

  private Reporter() {}

  /** Prints {@code message} the first time {@code key} is reported in this JVM; true if printed. */
  public static boolean once(String key, String message) {
    if (!REPORTED.add(key)) {
      return false;
    }
    print(message);
    return true;
  }

  /** Prints {@code message} and the throwable's summary the first time {@code key} is reported. */
  public static boolean once(String key, String message, Throwable t) {
    if (!REPORTED.add(key)) {
      return false;
    }
    print(message + ": " + describe(t));
    return true;
  }

  /** Prints {@code message} now, prefixed {@code correlog:}; never throws. */
  public static void print(String message) {
    try {
      System.err.println("correlog: " + message);
    } catch (Throwable ignored) {
      // Out of memory, or a System.err that throws: there is nowhere left to report to.
    }
  }

  /** Forgets what was reported under {@code key}, so that it is reported again (after recovery). */
  public static void rearm(String key) {
    REPORTED.remove(key);
  }

  /**
   * The class and message of {@code t}, never throwing: a {@code toString()} or {@code
   * getMessage()} that throws, or returns null, gives the class name alone.
   */
  public static String describe(Throwable t) {
    if (t == null) {
      return "null";
    }
    try {
      String s = t.toString();
      if (s != null) {
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
      }
    } catch (Throwable ignored) {
      // Fall through to the class name.
    }
    return t.getClass().getName();
  }

  /** {@code String.valueOf(o)}, or its class name when its {@code toString()} throws. */
  public static String name(Object o) {
    try {
      return String.valueOf(o);
    } catch (Throwable e) {
      return o.getClass().getName();
    }
  }

  /**
   * Copies a whole log line to standard error, for lines a sink failed to take. One write call, so
   * lines from several threads are not interleaved; never throws.
   */
  public static void copyLine(byte[] line, int off, int len) {
    OutputStream out = lines;
    synchronized (out) {
      try {
        out.write(line, off, len);
      } catch (Throwable ignored) {
        // stderr is gone too: the failure is still counted by the caller.
      }
    }
  }

  /**
   * Sends the lines {@link #copyLine} copies to {@code out} instead of standard error, or back to
   * standard error when {@code out} is null; for tests that provoke sink failures on purpose.
   */
  public static void redirectLineCopies(OutputStream out) {
    lines = out != null ? out : STDERR;
  }
}
