package dev.correlog.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes RFC 3339 UTC timestamps with microseconds, {@code "2025-04-16T14:23:01.123456Z"}, without
 * allocating: the date-and-second part is cached and rebuilt once a second. One per builder, so
 * never shared between threads.
 */
public final class TimestampWriter {
  private final byte[] secondPrefix = new byte[21]; // "2025-04-16T14:23:01.
  private long cachedSecond = Long.MIN_VALUE;

  /** Writes the quoted timestamp of {@code clock}'s current instant. */
  public void write(JsonBuffer out, Clock clock) {
    Instant now = clock.instant();
    write(out, now.getEpochSecond(), now.getNano());
  }

  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range RFC 3339 can write. */
  static final long MIN_SECOND = -62_167_219_200L;

  static final long MAX_SECOND = 253_402_300_799L;

  /**
   * Writes the quoted timestamp. An instant outside years 0 to 9999, which RFC 3339 cannot write,
   * is written as {@link Instant#toString()} gives it (ISO 8601 with an expanded year, such as
   * {@code "+1000000000-12-31T23:59:59.999999999Z"}), never clamped.
   */
  public void write(JsonBuffer out, long epochSecond, int nanos) {
    if (epochSecond < MIN_SECOND || epochSecond > MAX_SECOND) {
      out.string(Instant.ofEpochSecond(epochSecond, nanos).toString(), 64);
      return;
    }
    if (epochSecond != cachedSecond) {
      fillPrefix(epochSecond);
    }
    out.raw(secondPrefix);
    out.digitsPadded(nanos / 1000, 6);
    out.raw((byte) 'Z');
    out.raw((byte) '"');
  }

  private void fillPrefix(long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    int year = t.getYear(); // 0 to 9999: checked by write()
    byte[] p = secondPrefix;
    p[0] = '"';
    put4(p, 1, year);
    p[5] = '-';
    put2(p, 6, t.getMonthValue());
    p[8] = '-';
    put2(p, 9, t.getDayOfMonth());
    p[11] = 'T';
    put2(p, 12, t.getHour());
    p[14] = ':';
    put2(p, 15, t.getMinute());
    p[17] = ':';
    put2(p, 18, t.getSecond());
    p[20] = '.';
    cachedSecond = epochSecond;
  }

  private static void put2(byte[] p, int at, int v) {
    p[at] = (byte) ('0' + v / 10);
    p[at + 1] = (byte) ('0' + v % 10);
  }

  private static void put4(byte[] p, int at, int v) {
    put2(p, at, v / 100);
    put2(p, at + 2, v % 100);
  }
}
