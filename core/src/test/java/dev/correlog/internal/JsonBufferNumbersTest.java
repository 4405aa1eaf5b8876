package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonBufferNumbersTest {
  private static String written(java.util.function.Consumer<JsonBuffer> w) {
    JsonBuffer b = new JsonBuffer(16, 4096);
    w.accept(b);
    return b.toString();
  }

  @Test
  void longs_areWrittenExactly_atEveryDigitCountAndSign() {
    long[] edges = {
      0,
      1,
      9,
      10,
      99,
      100,
      999,
      1000,
      9999,
      10_000,
      99_999,
      100_000,
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      // where the writer changes from int to long arithmetic
      Integer.MAX_VALUE,
      Integer.MIN_VALUE,
      1L << 32,
      999_999_999,
      1_000_000_000,
      9_999_999_999L
    };
    for (long e : edges) {
      for (long v : new long[] {e, -e, e + 1, e - 1}) {
        assertThat(written(b -> b.longValue(v))).isEqualTo(Long.toString(v));
      }
    }
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      long v = r.nextLong() >> r.nextInt(64);
      assertThat(written(b -> b.longValue(v))).isEqualTo(Long.toString(v));
    }
  }

  @Test
  void doubles_parseBackToTheSameValue() {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      double v =
          switch (i % 3) {
            case 0 -> Double.longBitsToDouble(r.nextLong());
            case 1 -> Math.round(r.nextDouble() * 1e6) / 100.0;
            default -> r.nextDouble() * Math.pow(10, r.nextInt(-5, 18));
          };
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      String s = written(b -> b.doubleValue(v));
      assertThat(Double.parseDouble(s)).as(s).isEqualTo(v);
    }
  }

  @Test
  void hex_isLowercaseAndPadded() {
    assertThat(written(b -> b.hex16(0x00f067aa0ba902b7L))).isEqualTo("00f067aa0ba902b7");
    assertThat(written(b -> b.hex16(-1L))).isEqualTo("ffffffffffffffff");
    assertThat(written(b -> b.hex16(0L))).isEqualTo("0000000000000000");
  }
}
