package dev.correlog.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code sample_rate}s (1/p) of head decisions made in this process, each known by a small
 * index, so that a {@code TraceContext} carries its rate in two bytes that its layout pads anyway
 * (64 bytes with or without them; a {@code double} field would make every context 72). Index 0 is
 * "no rate". Rates come from the head and boosted ratios of the samplers, and from {@code
 * TraceContext.withSampled(boolean, double)}: a handful per process. At most {@link #MAX} distinct
 * rates are kept; a decision at a further one carries no rate (reported once). Not part of the API.
 */
public final class DecisionRates {
  /** Distinct rates kept, index 0 ("none") aside. */
  public static final int MAX = Short.MAX_VALUE;

  private static final Object LOCK = new Object();
  private static final Map<Double, Short> INDEX = new HashMap<>();
  private static volatile double[] rates = new double[8]; // [0] = 0: none
  private static int size = 1; // guarded by LOCK

  /** Recent lookups, so that a decision at a known rate takes no lock and allocates nothing. */
  private static final Entry[] RECENT = new Entry[16];

  /** A rate and its index; final fields, so a racy read sees both (not a {@code record}). */
  private static final class Entry {
    private final double rate;
    private final short index;

    Entry(double rate, short index) {
      this.rate = rate;
      this.index = index;
    }

    double rate() {
      return rate;
    }

    short index() {
      return index;
    }
  }

  private DecisionRates() {}

  /** The index of {@code rate} (> 0), added when new; 0 for 0 and once the table is full. */
  public static short indexOf(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      return 0;
    }
    long bits = Double.doubleToLongBits(rate);
    int slot = (int) (bits ^ (bits >>> 32) ^ (bits >>> 47)) & (RECENT.length - 1);
    Entry e = RECENT[slot];
    if (e != null && e.rate() == rate) {
      return e.index();
    }
    short index = add(rate);
    if (index != 0) {
      RECENT[slot] = new Entry(rate, index); // immutable: safe to publish racily
    }
    return index;
  }

  private static short add(double rate) {
    synchronized (LOCK) {
      Short known = INDEX.get(rate);
      if (known != null) {
        return known;
      }
      if (size > MAX) {
        Reporter.once(
            "decision-rates",
            "more than "
                + MAX
                + " distinct sampling probabilities were decided with: decisions at new ones"
                + " write no sample_rate");
        return 0;
      }
      double[] r = rates;
      if (size == r.length) {
        r = Arrays.copyOf(r, Math.min(r.length * 2, MAX + 1));
      }
      short index = (short) size++;
      r[index] = rate;
      rates = r; // publishes the slot
      INDEX.put(rate, index);
      return index;
    }
  }

  /** The rate of {@code index}; 0 for index 0. */
  public static double rate(short index) {
    double[] r = rates;
    double v = index < r.length ? r[index] : 0;
    if (v == 0 && index > 0) { // a context handed over without a happens-before edge: look again
      synchronized (LOCK) {
        v = rates[index];
      }
    }
    return v;
  }
}
