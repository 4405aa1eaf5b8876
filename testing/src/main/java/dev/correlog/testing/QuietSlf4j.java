package dev.correlog.testing;

import java.util.ServiceLoader;

/**
 * The JSON Schema validator logs through SLF4J. In a test class path without an SLF4J provider,
 * SLF4J would then print its "No SLF4J providers were found" warning into every user's test run.
 * When, and only when, no provider is on the class path and the user has not set SLF4J's own
 * verbosity, its internal reporting is limited to errors before the validator first loads.
 */
final class QuietSlf4j {
  private static final String VERBOSITY = "slf4j.internal.verbosity";

  private QuietSlf4j() {}

  static void beforeFirstUse() {
    if (System.getProperty(VERBOSITY) != null || System.getProperty("slf4j.provider") != null) {
      return;
    }
    try {
      Class<?> spi = Class.forName("org.slf4j.spi.SLF4JServiceProvider");
      if (!ServiceLoader.load(spi, QuietSlf4j.class.getClassLoader()).iterator().hasNext()) {
        System.setProperty(VERBOSITY, "ERROR");
      }
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      // No SLF4J 2 on the class path: nothing would be printed anyway.
    }
  }
}
