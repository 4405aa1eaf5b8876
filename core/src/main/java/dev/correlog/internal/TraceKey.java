package dev.correlog.internal;

/**
 * A trace id, the key of {@link RequestBuffers}. Compared when hash codes collide, so a crafted set
 * of trace ids costs O(log n), not O(n). A plain class, not a record: a record's generated {@code
 * equals} is linked through {@code java.lang.runtime.ObjectMethods}, whose static method handle
 * caches (on JDK 17) a handle typed with the record's class, keeping this library's class loader
 * alive after a redeploy (see RATIONALE.md, "Redeploy").
 */
final class TraceKey implements Comparable<TraceKey> {
  final long high;
  final long low;

  TraceKey(long high, long low) {
    this.high = high;
    this.low = low;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceKey k && k.high == high && k.low == low;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(high) * 31 + Long.hashCode(low);
  }

  @Override
  public int compareTo(TraceKey o) {
    int c = Long.compare(high, o.high);
    return c != 0 ? c : Long.compare(low, o.low);
  }
}
