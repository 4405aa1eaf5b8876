package dev.correlog.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void fastPathAgreesWithJavaTime() {
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      Instant t =
          Instant.ofEpochSecond(
              random.nextInt(2_000_000_000) + 100_000_000L, random.nextInt(1_000_000) * 1000L);
      long micros = ChronoUnit.MICROS.between(Instant.EPOCH, t);
      assertThat(Timestamps.toMicros(t.toString())).isEqualTo(micros);
    }
  }

  @Test
  void offsetsFractionsAndGarbage() {
    long base = Timestamps.toMicros("2026-12-01T10:00:00Z");
    assertThat(Timestamps.toMicros("2026-12-01T10:00:00.5Z")).isEqualTo(base + 500_000);
    assertThat(Timestamps.toMicros("2026-12-01T10:00:00.123456789Z")).isEqualTo(base + 123_456);
    assertThat(Timestamps.toMicros("2026-12-01T12:00:00+02:00")).isEqualTo(base);
    assertThat(Timestamps.toMicros("yesterday")).isEqualTo(Timestamps.INVALID);
    assertThat(Timestamps.toMicros("2026-13-01T10:00:00Z")).isEqualTo(Timestamps.INVALID);
    assertThat(Timestamps.toMicros("2026-12-01 10:00:00Z")).isEqualTo(Timestamps.INVALID);
  }
}
