package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Numbers#writeDouble} writes the same bytes as the writer it replaced, which wrote all the
 * digits of the scaled integer and then moved the last {@code scale} of them right to open a gap
 * for the point. That writer is frozen here as the reference ({@link #reference}).
 */
class DecimalDigitsTest {

  @Test
  void everyKindOfDecimal_isWrittenByteForByteAsBefore() {
    SplittableRandom r = new SplittableRandom(15);
    double[] edges = {
      0.0,
      -0.0,
      0.001,
      0.0015,
      0.01,
      0.1,
      0.15,
      1.5,
      99.99,
      -99.99,
      12.5,
      100.25,
      0.105,
      1e-3,
      123456789.123,
      999999999999999.0,
      4503599627370495.5,
      0.000999,
      1.0000000000001,
      7.0
    };
    for (double v : edges) {
      check(v);
    }
    for (int i = 0; i < 300_000; i++) {
      double v =
          switch (i % 4) {
            case 0 -> Double.longBitsToDouble(r.nextLong());
            case 1 -> Math.round(r.nextDouble() * 1e6) / 100.0;
            case 2 -> r.nextLong(-1_000_000_000L, 1_000_000_000L) / Math.pow(10, r.nextInt(16));
            default -> r.nextDouble() * Math.pow(10, r.nextInt(-5, 18));
          };
      check(v);
    }
  }

  private static void check(double v) {
    byte[] now = new byte[64];
    byte[] before = new byte[64];
    int end = Numbers.writeDouble(now, 3, v);
    int expected = reference(before, 3, v);
    assertThat(end).as("%s", v).isEqualTo(expected);
    if (end >= 0) {
      assertThat(new String(now, 3, end - 3, StandardCharsets.US_ASCII))
          .as("%s", v)
          .isEqualTo(new String(before, 3, expected - 3, StandardCharsets.US_ASCII));
    }
  }

  /** The writer before this change, frozen. */
  private static int reference(byte[] b, int p, double v) {
    double a = Math.abs(v);
    if (a < 1e15 && (a >= 1e-3 || a == 0)) {
      double pow = 1;
      for (int k = 0; k < 16; k++) {
        double m = a * pow;
        if (m < 9.007199254740992e15 && m == Math.rint(m) && m / pow == a) {
          return referenceDecimal(b, p, v < 0 || (v == 0 && 1 / v < 0), (long) m, k);
        }
        pow *= 10;
      }
    }
    return -1;
  }

  private static int referenceDecimal(byte[] b, int p, boolean negative, long m, int scale) {
    if (negative) {
      b[p++] = '-';
    }
    byte[] digits = Long.toString(m).getBytes(StandardCharsets.US_ASCII);
    if (scale == 0) {
      System.arraycopy(digits, 0, b, p, digits.length);
      p += digits.length;
      b[p++] = '.';
      b[p++] = '0';
      return p;
    }
    int d = digits.length;
    if (d <= scale) {
      b[p++] = '0';
      b[p++] = '.';
      for (int i = d; i < scale; i++) {
        b[p++] = '0';
      }
      System.arraycopy(digits, 0, b, p, d);
      return p + d;
    }
    int point = d - scale;
    System.arraycopy(digits, 0, b, p, point);
    b[p + point] = '.';
    System.arraycopy(digits, point, b, p + point + 1, scale);
    return p + d + 1;
  }
}
