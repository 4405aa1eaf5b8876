package dev.correlog.grpc;

import dev.correlog.Level;
import io.grpc.Status;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The level of a call's event by its status code. By default {@code OK} is INFO; {@code UNKNOWN},
 * {@code DEADLINE_EXCEEDED}, {@code UNIMPLEMENTED}, {@code INTERNAL}, {@code UNAVAILABLE} and
 * {@code DATA_LOSS} (the codes OpenTelemetry's semantic conventions count as server errors) are
 * ERROR; every other code is WARN.
 */
final class StatusLevels {
  private final Level[] byCode;

  private StatusLevels(Level[] byCode) {
    this.byCode = byCode;
  }

  static Map<Status.Code, Level> defaults() {
    Map<Status.Code, Level> m = new EnumMap<>(Status.Code.class);
    for (Status.Code c : Status.Code.values()) {
      m.put(c, Level.WARN);
    }
    m.put(Status.Code.OK, Level.INFO);
    for (Status.Code c :
        Arrays.asList(
            Status.Code.UNKNOWN,
            Status.Code.DEADLINE_EXCEEDED,
            Status.Code.UNIMPLEMENTED,
            Status.Code.INTERNAL,
            Status.Code.UNAVAILABLE,
            Status.Code.DATA_LOSS)) {
      m.put(c, Level.ERROR);
    }
    return m;
  }

  static StatusLevels of(Map<Status.Code, Level> levels) {
    Level[] byCode = new Level[Status.Code.values().length];
    for (Map.Entry<Status.Code, Level> e : levels.entrySet()) {
      byCode[e.getKey().ordinal()] = e.getValue();
    }
    return new StatusLevels(byCode);
  }

  Level level(Status.Code code) {
    return byCode[code.ordinal()];
  }
}
