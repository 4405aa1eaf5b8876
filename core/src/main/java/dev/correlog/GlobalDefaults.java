package dev.correlog;

import dev.correlog.internal.Reporter;
import dev.correlog.internal.Settings;

/** Builds the process-wide instance when none was installed; see {@link Correlog#global()}. */
final class GlobalDefaults {
  private GlobalDefaults() {}

  static Correlog build() {
    Correlog.Builder b = Correlog.builder();
    Settings s = Settings.ofProcess();
    if (s.service() == null || s.version() == null) {
      Reporter.once(
          "global.defaults",
          "no service/version configured for the global Correlog; using "
              + "unknown_service:java. Set OTEL_SERVICE_NAME and service.version in "
              + "OTEL_RESOURCE_ATTRIBUTES, -Dcorrelog.service/-Dcorrelog.version, or "
              + "correlog.properties");
      if (s.service() == null) {
        b.service("unknown_service:java");
      }
      if (s.version() == null) {
        b.version("unknown");
      }
    }
    return b.build();
  }
}
