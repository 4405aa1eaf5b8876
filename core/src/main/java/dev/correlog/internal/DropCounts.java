package dev.correlog.internal;

/**
 * The disabled and sampled-out events of one Correlog, counted on the calling thread's own stripe
 * (chosen by thread id) with a plain add: no atomic instruction, and no store to a cache line that
 * the other threads read (a logger's level) or write (another thread's stripe), so threads logging
 * through the same logger do not slow each other down. Threads whose ids share a stripe may lose a
 * count when they race; the sums are exact on one thread and close under contention.
 */
public final class DropCounts {
  private static final int STRIPES = 32; // a power of two
  private static final int PAD = 16; // longs per stripe: 128 bytes, two cache lines

  // Stripe i is cells[(i + 1) * PAD] (disabled) and the long after it (sampled out): the first
  // PAD longs keep the array's header line apart from stripe 0.
  private final long[] cells = new long[(STRIPES + 1) * PAD];

  /** The cells a logger counts in: kept by the logger itself, one load from its hot path. */
  public long[] cells() {
    return cells;
  }

  private static int stripe() {
    return (((int) Thread.currentThread().getId() & (STRIPES - 1)) + 1) * PAD;
  }

  /** Counts one event below its logger's level in {@code cells} (see {@link #cells()}). */
  public static void disabled(long[] cells) {
    cells[stripe()]++;
  }

  /** Counts one event dropped by the sampling decision in {@code cells}. */
  public static void sampledOut(long[] cells) {
    cells[stripe() + 1]++;
  }

  public long disabledSum() {
    return sum(0);
  }

  public long sampledOutSum() {
    return sum(1);
  }

  private long sum(int offset) {
    long s = 0;
    for (int i = 1; i <= STRIPES; i++) {
      s += cells[i * PAD + offset];
    }
    return s;
  }
}
