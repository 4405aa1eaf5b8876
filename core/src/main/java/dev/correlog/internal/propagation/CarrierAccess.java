package dev.correlog.internal.propagation;

import dev.correlog.internal.Reporter;
import dev.correlog.propagation.Getter;

/** Safe header reads and the small character helpers shared by the formats. */
public final class CarrierAccess {
  private CarrierAccess() {}

  /**
   * {@code getter.get(carrier, key)}, or null when the getter throws anything at all: exceptions,
   * checked ones thrown sneakily, and errors, {@link StackOverflowError} and {@link
   * OutOfMemoryError} included (the getter's frames are gone once it is caught, so the header is
   * simply absent). Reported once on stderr.
   */
  public static <C> String get(Getter<C> getter, C carrier, String key) {
    try {
      return getter.get(carrier, key);
    } catch (Throwable t) {
      failed("getter", t);
      return null;
    }
  }

  /**
   * What extraction and injection do with a throwable from user code (a getter, a setter, a
   * propagator): nothing escapes. An {@link InterruptedException} thrown sneakily keeps the
   * thread's interrupt status; everything else is reported once and ignored.
   */
  public static void failed(String what, Throwable t) {
    try {
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Reporter.once("propagation." + what, "propagation: " + what + " failed; ignored", t);
    } catch (Throwable ignored) {
      // Reporting itself failed (out of memory, a toString() that throws): stay silent.
    }
  }

  /** Optional whitespace of HTTP: space or horizontal tab. */
  static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  /** First index in [from, to) that is not OWS, or {@code to}. */
  static int trimStart(String s, int from, int to) {
    while (from < to && isOws(s.charAt(from))) {
      from++;
    }
    return from;
  }

  /** One past the last index in [from, to) that is not OWS, or {@code from}. */
  static int trimEnd(String s, int from, int to) {
    while (to > from && isOws(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }
}
