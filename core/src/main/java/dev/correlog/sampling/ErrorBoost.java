package dev.correlog.sampling;

import java.time.Duration;
import java.util.Objects;

/**
 * Raises the head ratio for a while when errors spike: when the share of ERROR events among all
 * events started over {@code window} passes {@code threshold} (with at least {@code minEvents}
 * events seen), the head ratio becomes {@code boostedRatio} for {@code coolDown}, then returns.
 * Each change is logged as a {@code correlog.sampling.boost} event.
 */
public record ErrorBoost(
    double threshold, Duration window, int minEvents, double boostedRatio, Duration coolDown) {
  public ErrorBoost {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
    }
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(coolDown, "coolDown");
    if (window.isNegative() || window.isZero() || coolDown.isNegative() || coolDown.isZero()) {
      throw new IllegalArgumentException("window and coolDown must be positive");
    }
    if (minEvents < 1) {
      throw new IllegalArgumentException("minEvents must be at least 1, was " + minEvents);
    }
    if (!(boostedRatio >= 0 && boostedRatio <= 1)) {
      throw new IllegalArgumentException("boostedRatio must be in [0, 1], was " + boostedRatio);
    }
  }

  /** 5% errors over 30 s (at least 100 events) raise the ratio to 1.0 for 5 minutes. */
  public static ErrorBoost defaults() {
    return new ErrorBoost(0.05, Duration.ofSeconds(30), 100, 1.0, Duration.ofMinutes(5));
  }
}
