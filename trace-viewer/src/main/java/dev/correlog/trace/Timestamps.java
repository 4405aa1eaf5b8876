package dev.correlog.trace;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps to epoch microseconds, with a fast path for Correlog's own form. */
final class Timestamps {
  /** Returned for a timestamp that is not RFC 3339. */
  static final long INVALID = Long.MIN_VALUE;

  private Timestamps() {}

  static long toMicros(String s) {
    long fast = fast(s);
    if (fast != INVALID) {
      return fast;
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(s);
      return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
    } catch (DateTimeParseException e) {
      return INVALID;
    }
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, as Correlog writes it; INVALID for anything else. */
  private static long fast(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return INVALID;
    }
    if (s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return INVALID;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour > 23
        || minute > 59
        || second > 60) {
      return INVALID;
    }
    long micros = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n - 21 < 1 || n - 21 > 9) {
        return INVALID;
      }
      int f = digits(s, 20, n - 21);
      if (f < 0) {
        return INVALID;
      }
      micros = f;
      for (int i = n - 21; i < 6; i++) {
        micros *= 10;
      }
      for (int i = 6; i < n - 21; i++) {
        micros /= 10;
      }
    }
    long days = daysFromCivil(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + micros;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  // Howard Hinnant's days_from_civil.
  private static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
}
