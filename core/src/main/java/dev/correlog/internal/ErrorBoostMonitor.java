package dev.correlog.internal;

import dev.correlog.Level;
import dev.correlog.sampling.ErrorBoost;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Watches the share of ERROR events over a sliding window of ten buckets and raises the head ratio
 * for the cool-down when it passes the threshold. Costs a clock read and an atomic add per started
 * event, and only when configured.
 */
final class ErrorBoostMonitor {
  private static final int BUCKETS = 10;

  private final ErrorBoost config;
  private final long bucketNanos;
  private final long boostedBound;
  private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray totals = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray errors = new AtomicLongArray(BUCKETS);
  private volatile boolean boosted;
  private volatile long boostedUntil;

  ErrorBoostMonitor(ErrorBoost config) {
    this.config = config;
    this.bucketNanos = Math.max(1, config.window().toNanos() / BUCKETS);
    this.boostedBound = Sampler.bound(config.boostedRatio());
    for (int i = 0; i < BUCKETS; i++) {
      epochs.set(i, Long.MIN_VALUE);
    }
  }

  /** The head bound in force: the boosted one while boosted, else {@code normal}. */
  long headBound(long normal) {
    return boosted ? Math.max(normal, boostedBound) : normal;
  }

  boolean boosted() {
    return boosted;
  }

  /** Counts one started event; returns a change to announce: +1 raised, -1 restored, 0 none. */
  int record(Level level, long now) {
    long epoch = now / bucketNanos;
    int i = (int) Math.floorMod(epoch, (long) BUCKETS);
    long seen = epochs.get(i);
    if (seen != epoch && epochs.compareAndSet(i, seen, epoch)) {
      totals.set(i, 0);
      errors.set(i, 0);
    }
    totals.incrementAndGet(i);
    if (level == Level.ERROR) {
      errors.incrementAndGet(i);
      if (!boosted && overThreshold(epoch)) {
        synchronized (this) {
          if (!boosted) {
            boostedUntil = now + config.coolDown().toNanos();
            boosted = true;
            return 1;
          }
        }
      }
    }
    if (boosted && now - boostedUntil > 0) {
      synchronized (this) {
        if (boosted && now - boostedUntil > 0) {
          boosted = false;
          return -1;
        }
      }
    }
    return 0;
  }

  /** The error share over the window, for the announcement. */
  double errorShare(long now) {
    long[] te = window(now / bucketNanos);
    return te[0] == 0 ? 0 : (double) te[1] / te[0];
  }

  private boolean overThreshold(long epoch) {
    long[] te = window(epoch);
    return te[0] >= config.minEvents() && (double) te[1] / te[0] > config.threshold();
  }

  /** {total, errors} over the buckets of the window ending at {@code epoch}. */
  private long[] window(long epoch) {
    long t = 0;
    long e = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (epoch - epochs.get(i) < BUCKETS) {
        t += totals.get(i);
        e += errors.get(i);
      }
    }
    return new long[] {t, e};
  }

  ErrorBoost config() {
    return config;
  }
}
