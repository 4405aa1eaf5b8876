package dev.correlog.internal.propagation;

import dev.correlog.internal.Reporter;
import dev.correlog.propagation.Getter;

/** Safe header reads and the small character helpers shared by the formats. */
public final class CarrierAccess {
  private CarrierAccess() {}

  /**
   * {@code getter.get(carrier, key)}, or null when the getter throws anything, even a checked
   * exception thrown sneakily (reported once). Only a {@link VirtualMachineError} goes through.
   */
  public static <C> String get(Getter<C> getter, C carrier, String key) {
    try {
      return getter.get(carrier, key);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      failed("getter", t);
      return null;
    }
  }

  /** Rethrows {@code t} if the JVM is in trouble (out of memory, stack overflow). */
  public static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError) {
      throw (VirtualMachineError) t;
    }
  }

  /** Reports once on stderr that a carrier access or a propagator failed; never throws. */
  public static void failed(String what, Throwable t) {
    Reporter.once("propagation." + what, "propagation: " + what + " failed; ignored", t);
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
