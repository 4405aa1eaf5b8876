package dev.correlog.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * The emitted-lines count of one Correlog, kept without a locked instruction on the calling thread:
 * each reused builder (a thread's own, a pooled one) counts its lines in a {@link Cell} of its own
 * with a plain add and an opaque store, and the reader adds up the cells. A builder made for one
 * event only counts in {@link Metrics#emitted}, a striped adder.
 *
 * <p>A cell is held here strongly and names its builder weakly: when the builder is collected (its
 * thread died, or a collection cleared a thread's weakly held builder), the next new builder takes
 * the cell over and goes on counting from its figure, so nothing counted is lost and the cells
 * number at most the builders alive at once at the peak (one per platform thread that logs, plus
 * the pool's slots), never one per thread ever seen. Nothing here is reachable from a thread-local.
 */
final class EmitCounts {
  private static final VarHandle COUNT;

  static {
    try {
      COUNT = MethodHandles.lookup().findVarHandle(Cell.class, "count", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One builder's count; written by the thread holding that builder only. */
  static final class Cell {
    private long count;
    private WeakReference<Object> owner; // guarded by the EmitCounts' lock

    private Cell(Object owner) {
      this.owner = new WeakReference<>(owner);
    }

    /** One more line: a plain add, published with an opaque store (no fence, no lock). */
    void increment() {
      COUNT.setOpaque(this, count + 1);
    }

    long get() {
      return (long) COUNT.getOpaque(this);
    }
  }

  private volatile Cell[] cells = new Cell[0];

  /** A cell for a new reused builder: one whose builder was collected, else a new one. */
  synchronized Cell cell(Object builder) {
    Cell[] cs = cells;
    for (Cell c : cs) {
      if (c.owner.refersTo(null)) {
        c.owner = new WeakReference<>(builder);
        // The previous builder is unreachable: its last store was before the collection.
        COUNT.setRelease(c, (long) COUNT.getAcquire(c));
        return c;
      }
    }
    Cell c = new Cell(builder);
    Cell[] grown = java.util.Arrays.copyOf(cs, cs.length + 1);
    grown[cs.length] = c;
    cells = grown;
    return c;
  }

  /** Cells held now (for tests: bounded by the builders alive at once). */
  int cellCount() {
    return cells.length;
  }

  long sum() {
    long s = 0;
    for (Cell c : cells) {
      s += c.get();
    }
    return s;
  }
}
