package dev.correlog;

/** Severity of an event, in increasing order. */
public enum Level {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR;

  private static final Level[] VALUES = values();

  /** Parses a level name, case-insensitively; {@code WARNING} is accepted for {@code WARN}. */
  public static Level parse(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT);
    if (n.equals("WARNING")) {
      return WARN;
    }
    for (Level level : VALUES) {
      if (level.name().equals(n)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "unknown level '" + name + "': use TRACE, DEBUG, INFO, WARN or ERROR");
  }

  /** True when this level is at least as severe as {@code other}. */
  public boolean isAtLeast(Level other) {
    return ordinal() >= other.ordinal();
  }
}
