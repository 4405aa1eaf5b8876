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
  private static final byte[] NO_LEAD = new byte[0];

  private final byte[] lead; // written before the timestamp, as part of the cached prefix
  private final byte[] secondPrefix; // lead, then "2025-04-16T14:23:01.
  private final int at; // where the date starts in secondPrefix
  private final long[] prefixWords; // secondPrefix as words (Words), rebuilt with it
  private long cachedSecond = Long.MIN_VALUE;

  public TimestampWriter() {
    this(NO_LEAD);
  }

  /**
   * A writer that writes {@code lead} before each timestamp (the start of a line, say), copied with
   * the cached date and second in one piece.
   */
  TimestampWriter(byte[] lead) {
    this.lead = lead.clone();
    this.at = lead.length;
    this.secondPrefix = java.util.Arrays.copyOf(lead, at + 21);
    this.prefixWords = new long[(secondPrefix.length + 7) >>> 3];
  }

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
      out.raw(lead);
      out.string(Instant.ofEpochSecond(epochSecond, nanos).toString(), 64);
      return;
    }
    if (epochSecond != cachedSecond) {
      fillPrefix(epochSecond);
    }
    byte[] prefix = secondPrefix;
    int n = prefix.length;
    int p = out.pos;
    if (p + n + 8 > out.fastEnd()) {
      out.raw(prefix);
      out.digitsPadded(nanos / 1000, 6);
      out.raw((byte) 'Z');
      out.raw((byte) '"');
      return;
    }
    byte[] a = out.buf;
    Words.put(prefixWords, a, p); // up to 7 bytes past the prefix: overwritten next
    p += n;
    Words.put(Numbers.microsWord(nanos / 1000), a, p); // the microseconds, 'Z' and '"'
    out.pos = p + 8;
  }

  private void fillPrefix(long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    int year = t.getYear(); // 0 to 9999: checked by write()
    byte[] p = secondPrefix;
    int i = at;
    p[i] = '"';
    put4(p, i + 1, year);
    p[i + 5] = '-';
    put2(p, i + 6, t.getMonthValue());
    p[i + 8] = '-';
    put2(p, i + 9, t.getDayOfMonth());
    p[i + 11] = 'T';
    put2(p, i + 12, t.getHour());
    p[i + 14] = ':';
    put2(p, i + 15, t.getMinute());
    p[i + 17] = ':';
    put2(p, i + 18, t.getSecond());
    p[i + 20] = '.';
    Words.fill(p, prefixWords);
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
