package dev.correlog.servlet;

import java.util.Locale;
import java.util.Set;

/** Caps and redaction for values that come from outside the process. */
final class Fields {
  private Fields() {}

  /** {@code s} cut to {@code max} characters, or null. */
  static String cap(String s, int max) {
    if (s == null) {
      return null;
    }
    return s.length() <= max ? s : s.substring(0, max);
  }

  /**
   * {@code query} with the values of {@code redacted} parameters (compared ignoring case, names as
   * sent) replaced by {@code [REDACTED]}, cut to {@code max} characters; null when there is none.
   */
  static String query(String query, Set<String> redacted, int max) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    if (redacted.isEmpty()) {
      return cap(query, max);
    }
    StringBuilder sb = new StringBuilder(Math.min(query.length(), max) + 16);
    int start = 0;
    while (start <= query.length() && sb.length() < max) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? query.length() : amp;
      String pair = query.substring(start, end);
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (sb.length() > 0 || start > 0) {
        sb.append('&');
      }
      if (eq >= 0 && redacted.contains(name.toLowerCase(Locale.ROOT))) {
        sb.append(name).append('=').append(Settings.REDACTED);
      } else {
        sb.append(pair);
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return cap(sb.toString(), max);
  }
}
