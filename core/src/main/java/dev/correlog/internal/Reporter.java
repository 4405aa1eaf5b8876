package dev.correlog.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Correlog's own complaints go to stderr, once per kind, prefixed {@code correlog:}. Logging must
 * never throw into the application, so problems are reported here and counted instead.
 */
public final class Reporter {
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private Reporter() {}

  /** Prints {@code message} the first time {@code key} is reported in this JVM; true if printed. */
  public static boolean once(String key, String message) {
    if (!REPORTED.add(key)) {
      return false;
    }
    System.err.println("correlog: " + message);
    return true;
  }

  /** Prints {@code message} and the throwable's summary the first time {@code key} is reported. */
  public static boolean once(String key, String message, Throwable t) {
    return once(key, message + ": " + t);
  }

  /** Forgets what was reported under {@code key}, so that it is reported again (after recovery). */
  public static void rearm(String key) {
    REPORTED.remove(key);
  }
}
