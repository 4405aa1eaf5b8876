package dev.correlog.trace;

/** Level names as Correlog writes them, and their order. */
final class Levels {
  static final String[] ORDER = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

  private Levels() {}

  static boolean isError(String level) {
    return "ERROR".equals(level) || "FATAL".equals(level);
  }

  /** The position of {@code level} in {@link #ORDER}; unknown names sort last. */
  static int rank(String level) {
    for (int i = 0; i < ORDER.length; i++) {
      if (ORDER[i].equals(level)) {
        return i;
      }
    }
    return ORDER.length;
  }
}
