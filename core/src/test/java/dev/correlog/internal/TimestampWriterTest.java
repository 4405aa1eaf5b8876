package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TimestampWriter} writes {@code "yyyy-MM-ddTHH:mm:ss.uuuuuuZ"} whether it takes its fast
 * path (the microseconds, 'Z' and the closing quote as one word, {@link Numbers#microsWord}) or the
 * piece-by-piece path near the end of the buffer: both checked against {@link DateTimeFormatter}
 * for edge and random instants.
 */
class TimestampWriterTest {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static String expected(long second, int nanos) {
    return "\"" + MICROS.format(Instant.ofEpochSecond(second, nanos)) + "\"";
  }

  private static String written(TimestampWriter w, long second, int nanos, int capacity) {
    JsonBuffer b = new JsonBuffer(capacity, 256);
    w.write(b, second, nanos);
    return b.toString();
  }

  @Test
  void microsecondsAreZeroPaddedAndTruncated_onBothPaths() {
    int[] nanos = {
      0,
      999,
      1_000,
      9_000,
      10_000,
      99_999,
      100_000,
      999_999,
      1_000_000,
      9_999_999,
      10_000_000,
      99_999_999,
      100_000_000,
      123_456_789,
      500_000_000,
      999_999_000,
      999_999_999
    };
    long[] seconds = {
      0L, 1_744_813_381L, -1L, TimestampWriter.MIN_SECOND, TimestampWriter.MAX_SECOND
    };
    TimestampWriter w = new TimestampWriter();
    for (long s : seconds) {
      for (int n : nanos) {
        assertThat(written(w, s, n, 29)).isEqualTo(expected(s, n)); // exact fit: fast path
        assertThat(written(w, s, n, 28)).isEqualTo(expected(s, n)); // grows: pieces
      }
    }
  }

  @Test
  void randomInstants_matchTheFormatter() {
    SplittableRandom r = new SplittableRandom(21);
    TimestampWriter w = new TimestampWriter();
    for (int i = 0; i < 20_000; i++) {
      long s = r.nextLong(TimestampWriter.MIN_SECOND, TimestampWriter.MAX_SECOND + 1);
      int n = r.nextInt(1_000_000_000);
      assertThat(written(w, s, n, 64)).isEqualTo(expected(s, n));
    }
  }

  @Test
  void microsWord_isTheSixDigitsThenZAndQuote() {
    for (int m : new int[] {0, 1, 9, 10, 99, 100, 9_999, 10_000, 123_456, 999_999}) {
      byte[] b = new byte[8];
      Words.put(Numbers.microsWord(m), b, 0);
      assertThat(new String(b, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo(String.format(java.util.Locale.ROOT, "%06dZ\"", m));
    }
  }
}
