package dev.correlog.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * New ids. {@link ThreadLocalRandom} is seeded per thread from a secure-enough mix of time and a
 * global seed, needs no lock, and allocates nothing.
 */
public final class Ids {
  private Ids() {}

  public static long random() {
    return ThreadLocalRandom.current().nextLong();
  }

  /** A random long that is never zero. */
  public static long nonZero() {
    long v;
    do {
      v = ThreadLocalRandom.current().nextLong();
    } while (v == 0);
    return v;
  }
}
