package dev.correlog.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Short byte strings copied eight bytes at a time: a constant piece of a line (a field's {@code
 * ,"name":} prefix) is kept as little-endian words and stored with one unaligned write per word,
 * which is cheaper than {@code System.arraycopy}'s set-up or a byte loop for a few dozen bytes. The
 * last word is padded with zeros: the caller makes room for up to 7 bytes past the piece and writes
 * over them next.
 */
final class Words {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Bytes a copy may write past the piece's end. */
  static final int SLACK = 7;

  private Words() {}

  /** {@code bytes} as little-endian words, the last one padded with zeros. */
  static long[] of(byte[] bytes) {
    long[] w = new long[(bytes.length + 7) >>> 3];
    fill(bytes, w);
    return w;
  }

  /** Sets {@code w}, of {@code (bytes.length + 7) / 8} words, to {@code bytes} as words. */
  static void fill(byte[] bytes, long[] w) {
    java.util.Arrays.fill(w, 0L);
    for (int i = 0; i < bytes.length; i++) {
      w[i >>> 3] |= (bytes[i] & 0xffL) << ((i & 7) << 3);
    }
  }

  /** Writes one word at {@code at}; the caller made room for 8 bytes. */
  static void put(long word, byte[] to, int at) {
    LONGS.set(to, at, word);
  }

  /** Writes the words at {@code at}; the caller made room for {@code 8 * words.length} bytes. */
  static void put(long[] words, byte[] to, int at) {
    for (int i = 0; i < words.length; i++) {
      LONGS.set(to, at + (i << 3), words[i]);
    }
  }
}
