package dev.correlog.sampling;

import java.time.Duration;
import java.util.Objects;

/**
 * Raises the head ratio for a while when errors spike: when the share of ERROR events among all
 * events started over {@code window} passes {@code threshold} (with at least {@code minEvents}
 * events seen), the head ratio becomes {@code boostedRatio} for {@code coolDown}, then returns.
 * Each change is logged as a {@code correlog.sampling.boost} event.
 *
 * <p>A value: two with the same settings are equal. Not a {@code record}, so that calling {@code
 * equals}, {@code hashCode} or {@code toString} leaves nothing of the application's class loader in
 * the JDK (core/RATIONALE.md, "Redeploy").
 */
public final class ErrorBoost {
  private final double threshold;
  private final Duration window;
  private final int minEvents;
  private final double boostedRatio;
  private final Duration coolDown;

  /**
   * @throws IllegalArgumentException when {@code threshold} is not in (0, 1], {@code window} or
   *     {@code coolDown} is not positive, {@code minEvents} is below 1, or {@code boostedRatio} is
   *     not in [0, 1]
   * @throws NullPointerException when {@code window} or {@code coolDown} is null
   */
  public ErrorBoost(
      double threshold, Duration window, int minEvents, double boostedRatio, Duration coolDown) {
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
    this.threshold = threshold;
    this.window = window;
    this.minEvents = minEvents;
    this.boostedRatio = boostedRatio;
    this.coolDown = coolDown;
  }

  /** 5% errors over 30 s (at least 100 events) raise the ratio to 1.0 for 5 minutes. */
  public static ErrorBoost defaults() {
    return new ErrorBoost(0.05, Duration.ofSeconds(30), 100, 1.0, Duration.ofMinutes(5));
  }

  /** The share of ERROR events, in (0, 1], past which the ratio is raised. */
  public double threshold() {
    return threshold;
  }

  /** The span of time over which the share is taken. */
  public Duration window() {
    return window;
  }

  /** Events seen in the window, at least, before the share counts. */
  public int minEvents() {
    return minEvents;
  }

  /** The head ratio while boosted, in [0, 1]. */
  public double boostedRatio() {
    return boostedRatio;
  }

  /** How long the boost lasts. */
  public Duration coolDown() {
    return coolDown;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorBoost other
        && Double.compare(other.threshold, threshold) == 0
        && other.window.equals(window)
        && other.minEvents == minEvents
        && Double.compare(other.boostedRatio, boostedRatio) == 0
        && other.coolDown.equals(coolDown);
  }

  @Override
  public int hashCode() {
    int h = Double.hashCode(threshold);
    h = 31 * h + window.hashCode();
    h = 31 * h + minEvents;
    h = 31 * h + Double.hashCode(boostedRatio);
    return 31 * h + coolDown.hashCode();
  }

  @Override
  public String toString() {
    return "ErrorBoost[threshold="
        + threshold
        + ", window="
        + window
        + ", minEvents="
        + minEvents
        + ", boostedRatio="
        + boostedRatio
        + ", coolDown="
        + coolDown
        + "]";
  }
}
