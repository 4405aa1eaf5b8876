package dev.correlog.internal;

/** Small string helpers for messages. */
final class Strings {
  private Strings() {}

  /** {@code s} cut to {@code max} characters, with "..." when cut. */
  static String cap(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
