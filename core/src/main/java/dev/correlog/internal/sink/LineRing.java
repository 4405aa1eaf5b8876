package dev.correlog.internal.sink;

import dev.correlog.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded multi-producer, single-consumer queue of lines, allocated once: a byte arena holding
 * the lines back to back, and one {@code long} per slot holding a line's sequence number, length
 * and level. Producers claim a slot and its bytes together with one compare-and-set on the tail,
 * copy the line, and publish the slot; the consumer reads published slots in order.
 *
 * <p>Cursors pack a 31-bit sequence number (high half) with a 32-bit byte position (low half), both
 * wrapping. A line never wraps around the end of the arena: when it does not fit before the end,
 * the bytes up to the end are skipped and the line starts at 0. The consumer finds every line's
 * offset by replaying that rule from the head, so slots need not store offsets. The sign bit of the
 * tail marks the queue closed.
 *
 * <p>Lines below WARN may use only seven eighths of the slots and bytes: the rest is a reserve so
 * that WARN and ERROR lines find room while lower lines are being dropped.
 */
public final class LineRing {
  /** Returned by {@link #claim} when there is no room. */
  public static final long FULL = -1;

  /** Returned by {@link #claim} when the queue is closed. */
  public static final long CLOSED = -2;

  public static final int SEQ_MASK = 0x7FFF_FFFF;

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final long CLOSED_BIT = Long.MIN_VALUE;
  // Indexes into cursors, 128 bytes apart, so producers and consumer don't share cache lines.
  private static final int TAIL = 16;
  private static final int PARKED = 32;
  private static final int HEAD = 48;

  private final long[] cursors = new long[64];
  private final byte[] arena;
  private final int arenaMask;
  private final long[] slots;
  private final int slotMask;
  private final int lowSlots;
  private final int lowBytes;
  private final int maxLineBytes;

  /** {@code capacity} and {@code arenaBytes} must be powers of two. */
  public LineRing(int capacity, int arenaBytes) {
    this(capacity, arenaBytes, 0, 0);
  }

  /** A queue whose cursors start at {@code seq} and {@code pos}, to test their wrapping. */
  public LineRing(int capacity, int arenaBytes, int seq, int pos) {
    if (Integer.bitCount(capacity) != 1 || capacity > 1 << 29 || capacity < 8) {
      throw new IllegalArgumentException("capacity must be a power of two in 8..2^29");
    }
    if (Integer.bitCount(arenaBytes) != 1 || arenaBytes > 1 << 30 || arenaBytes < 64) {
      throw new IllegalArgumentException("arena size must be a power of two in 64..2^30");
    }
    this.arena = new byte[arenaBytes];
    this.arenaMask = arenaBytes - 1;
    this.slots = new long[capacity];
    this.slotMask = capacity - 1;
    this.lowSlots = capacity - capacity / 8;
    this.lowBytes = arenaBytes - arenaBytes / 8;
    this.maxLineBytes = arenaBytes / 4; // Fits even at the worst place in an empty arena.
    seq &= SEQ_MASK;
    for (int i = 0; i < capacity; i++) {
      // Unpublished: the sequence number a lap before the first one this slot will hold.
      int first = seq + ((i - seq) & slotMask);
      slots[i] = (long) ((first - capacity) & SEQ_MASK) << 32;
    }
    cursors[TAIL] = cursor(seq, pos);
    cursors[HEAD] = cursor(seq, pos);
  }

  /**
   * {@code value} rounded up to a power of two, at least {@code min}: a size for a builder.
   *
   * @throws IllegalArgumentException when {@code value} is not in {@code 1..max}
   */
  public static int powerOfTwo(int value, int min, int max, String name) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(name + " must be in 1.." + max + ", was " + value);
    }
    return Math.max(min, Integer.highestOneBit(value - 1) << 1);
  }

  public byte[] arena() {
    return arena;
  }

  public int capacity() {
    return slots.length;
  }

  /** The longest line this queue takes. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /**
   * Claims room for a line of {@code length} bytes ({@code 1..maxLineBytes}): returns the claim to
   * pass to {@link #publish}, or {@link #FULL}, or {@link #CLOSED}. Only {@code useReserve} claims
   * may use the last eighth of the queue.
   */
  public long claim(int length, boolean useReserve) {
    int slotLimit = useReserve ? slots.length : lowSlots;
    int byteLimit = useReserve ? arena.length : lowBytes;
    for (; ; ) {
      long h = (long) LONGS.getAcquire(cursors, HEAD); // Head first: then it is never past tail.
      long t = (long) LONGS.getVolatile(cursors, TAIL);
      if (t < 0) {
        return CLOSED;
      }
      int seq = (int) (t >>> 32);
      int pos = (int) t;
      if (((seq - (int) (h >>> 32)) & SEQ_MASK) >= slotLimit) {
        return FULL;
      }
      int start = pos & arenaMask;
      int offset = start;
      int need = length;
      if (start + length > arena.length) {
        offset = 0;
        need += arena.length - start;
      }
      if (pos + need - (int) h > byteLimit) {
        return FULL;
      }
      long next = cursor((seq + 1) & SEQ_MASK, pos + need);
      if (LONGS.compareAndSet(cursors, TAIL, t, next)) {
        return (long) seq << 32 | offset;
      }
    }
  }

  /** Copies the line into the claimed room and makes it visible to the consumer. */
  public void publish(long claim, Level level, byte[] line, int offset, int length) {
    int seq = (int) (claim >>> 32);
    System.arraycopy(line, offset, arena, (int) claim, length);
    LONGS.setRelease(
        slots, seq & slotMask, (long) seq << 32 | (long) length << 3 | level.ordinal());
  }

  /** Marks the queue closed: later claims return {@link #CLOSED}. */
  public void close() {
    for (; ; ) {
      long t = (long) LONGS.getVolatile(cursors, TAIL);
      if (t < 0 || LONGS.compareAndSet(cursors, TAIL, t, t | CLOSED_BIT)) {
        return;
      }
    }
  }

  /** The sequence number the next claim will get. */
  public int tailSeq() {
    return (int) ((long) LONGS.getVolatile(cursors, TAIL) >>> 32) & SEQ_MASK;
  }

  /** The sequence number of the oldest line not yet consumed. */
  public int headSeq() {
    return (int) ((long) LONGS.getAcquire(cursors, HEAD) >>> 32);
  }

  /** The byte position of the oldest line not yet consumed. */
  public int headPos() {
    return (int) (long) LONGS.getAcquire(cursors, HEAD);
  }

  /** Lines claimed and not yet consumed. */
  public int depth() {
    int head = headSeq();
    return (tailSeq() - head) & SEQ_MASK;
  }

  // Consumer side: called only from the consumer thread.

  /** The slot of line {@code seq} when it is published, else -1. */
  public long published(int seq) {
    long slot = (long) LONGS.getAcquire(slots, seq & slotMask);
    return (int) (slot >>> 32) == seq ? slot : -1;
  }

  public static int length(long slot) {
    return (int) slot >>> 3;
  }

  public static int level(long slot) {
    return (int) slot & 7;
  }

  /** Where a line of {@code length} bytes starts when the previous one ended at {@code pos}. */
  public int offset(int pos, int length) {
    int start = pos & arenaMask;
    return start + length > arena.length ? 0 : start;
  }

  /** The byte position after a line of {@code length} bytes claimed at {@code pos}. */
  public int next(int pos, int length) {
    int start = pos & arenaMask;
    return start + length > arena.length ? pos + arena.length - start + length : pos + length;
  }

  /** Frees everything before line {@code seq}, which starts at byte position {@code pos}. */
  public void advance(int seq, int pos) {
    LONGS.setVolatile(cursors, HEAD, cursor(seq, pos));
  }

  /** Consumer: announces it is about to park; producers then wake it with {@link #unpark()}. */
  public void setParked(boolean parked) {
    LONGS.setVolatile(cursors, PARKED, parked ? 1L : 0L);
  }

  /** Producer: true for the one caller that must wake the parked consumer. */
  public boolean unpark() {
    return (long) LONGS.getVolatile(cursors, PARKED) != 0
        && LONGS.compareAndSet(cursors, PARKED, 1L, 0L);
  }

  private static long cursor(int seq, int pos) {
    return (long) seq << 32 | (pos & 0xFFFF_FFFFL);
  }
}
