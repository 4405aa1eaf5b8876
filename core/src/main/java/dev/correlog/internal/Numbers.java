package dev.correlog.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Number encoders for {@link JsonBuffer}: each writes into {@code b} at {@code p}, which the caller
 * has made room for, and returns the position after what it wrote. No allocation.
 */
final class Numbers {
  /** Room a long needs: a sign and 19 digits. */
  static final int LONG_ROOM = 20;

  /** Room a double written by {@link #writeDouble} needs. */
  static final int DOUBLE_ROOM = 40;

  private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** "00", "01", ... "99", side by side. */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  /** The two hex digits of every byte value, side by side. */
  private static final byte[] HEX_PAIRS = new byte[512];

  private static final double[] POW10 = new double[16];

  /** 10^i as longs, for splitting a decimal's digits at its point. */
  private static final long[] POW10L = new long[16];

  /** The two digits of 0 to 99 as one little-endian {@code char}, for {@link #PAIRS}. */
  private static final char[] PAIR_CHARS = new char[100];

  private static final VarHandle PAIRS =
      MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
      PAIR_CHARS[i] = (char) (('0' + i / 10) | (('0' + i % 10) << 8));
    }
    for (int i = 0; i < 256; i++) {
      HEX_PAIRS[2 * i] = HEX[i >> 4];
      HEX_PAIRS[2 * i + 1] = HEX[i & 0xf];
    }
    double p = 1;
    long pl = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      POW10L[i] = pl;
      p *= 10;
      pl *= 10;
    }
  }

  private Numbers() {}

  /**
   * The six digits of {@code micros} (0 to 999,999), zero-padded, then {@code Z"}: the eight bytes
   * that end a timestamp, as one little-endian word.
   */
  static long microsWord(int micros) {
    int high = micros / 10_000;
    int rest = micros - high * 10_000;
    int middle = rest / 100;
    return PAIR_CHARS[high]
        | (long) PAIR_CHARS[middle] << 16
        | (long) PAIR_CHARS[rest - middle * 100] << 32
        | (long) 'Z' << 48
        | (long) '"' << 56;
  }

  /** Writes {@code v}, 0 to 99, as two digits at {@code p}. */
  static void put2(byte[] b, int p, int v) {
    int pair = v << 1;
    b[p] = DIGIT_PAIRS[pair];
    b[p + 1] = DIGIT_PAIRS[pair + 1];
  }

  static int writeLong(byte[] b, int p, long v) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        System.arraycopy(MIN_LONG, 0, b, p, MIN_LONG.length);
        return p + MIN_LONG.length;
      }
      b[p++] = '-';
      v = -v;
    }
    if (v <= Integer.MAX_VALUE) {
      return writeInt(b, p, (int) v);
    }
    int end = p + digits(v);
    int q = end;
    while (v >= 100) {
      long next = v / 100;
      q -= 2;
      PAIRS.set(b, q, PAIR_CHARS[(int) (v - next * 100)]);
      v = next;
    }
    writeLead(b, p, (int) v);
    return end;
  }

  /** {@link #writeLong} for {@code v} from 0 to {@code Integer.MAX_VALUE}: int arithmetic. */
  private static int writeInt(byte[] b, int p, int v) {
    int end = p + digits(v);
    int q = end;
    while (v >= 100) {
      int next = v / 100;
      q -= 2;
      PAIRS.set(b, q, PAIR_CHARS[v - next * 100]);
      v = next;
    }
    writeLead(b, p, v);
    return end;
  }

  /** The leading one or two digits {@code v} (0 to 99), at {@code p}. */
  private static void writeLead(byte[] b, int p, int v) {
    if (v >= 10) {
      PAIRS.set(b, p, PAIR_CHARS[v]);
    } else {
      b[p] = (byte) ('0' + v);
    }
  }

  static int digits(long v) {
    if (v < 10) {
      return 1;
    }
    if (v < 100) {
      return 2;
    }
    if (v < 1000) {
      return 3;
    }
    if (v < 100_000) {
      return v < 10_000 ? 4 : 5;
    }
    long p = 1_000_000;
    for (int i = 6; i < 19; i++) {
      if (v < p) {
        return i;
      }
      p *= 10;
    }
    return 19;
  }

  /**
   * Writes a finite double without allocating, or returns -1 (having written nothing) when it needs
   * {@code Double.toString}. The digits are those of the smallest k for which v * 10^k is an
   * integer m below 2^53 and m / 10^k gives v back; both operations are correctly rounded, so the
   * text parses back to v.
   */
  static int writeDouble(byte[] b, int p, double v) {
    double a = Math.abs(v);
    if (a < 1e15 && (a >= 1e-3 || a == 0)) {
      for (int k = 0; k < 16; k++) {
        double m = a * POW10[k];
        if (m < 9.007199254740992e15 && m == Math.rint(m) && m / POW10[k] == a) {
          return writeDecimal(b, p, v < 0 || (v == 0 && 1 / v < 0), (long) m, k);
        }
      }
    }
    return -1;
  }

  /** Writes {@code m / 10^scale} with at least one fractional digit. */
  private static int writeDecimal(byte[] b, int p, boolean negative, long m, int scale) {
    if (negative) {
      b[p++] = '-';
    }
    if (scale == 0) {
      p = writeLong(b, p, m);
      b[p++] = '.';
      b[p++] = '0';
      return p;
    }
    // The whole part (0 when m has no more digits than scale), the point, then the fraction
    // zero-padded to scale digits: the digits of m with a point before the last scale of them.
    long unit = POW10L[scale];
    long whole = m / unit;
    p = writeLong(b, p, whole);
    b[p] = '.';
    return writeFraction(b, p + 1, m - whole * unit, scale);
  }

  /** Writes {@code f}, below 10^scale, as exactly {@code scale} digits (leading zeros kept). */
  private static int writeFraction(byte[] b, int p, long f, int scale) {
    int end = p + scale;
    int q = end;
    while (q - p >= 2) {
      long next = f / 100;
      q -= 2;
      PAIRS.set(b, q, PAIR_CHARS[(int) (f - next * 100)]);
      f = next;
    }
    if (q > p) {
      b[p] = (byte) ('0' + f);
    }
    return end;
  }

  /** Writes {@code v} as 16 lowercase hex digits. */
  static int writeHex16(byte[] b, int p, long v) {
    for (int i = 7; i >= 0; i--) {
      int pair = ((int) v & 0xff) << 1;
      b[p + 2 * i] = HEX_PAIRS[pair];
      b[p + 2 * i + 1] = HEX_PAIRS[pair + 1];
      v >>>= 8;
    }
    return p + 16;
  }
}
