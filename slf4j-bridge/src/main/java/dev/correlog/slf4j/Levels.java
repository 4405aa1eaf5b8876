package dev.correlog.slf4j;

import dev.correlog.Level;

/** SLF4J's levels as Correlog's. */
final class Levels {
  private Levels() {}

  static Level of(org.slf4j.event.Level level) {
    if (level == null) {
      return Level.INFO;
    }
    switch (level) {
      case TRACE:
        return Level.TRACE;
      case DEBUG:
        return Level.DEBUG;
      case WARN:
        return Level.WARN;
      case ERROR:
        return Level.ERROR;
      default:
        return Level.INFO;
    }
  }
}
