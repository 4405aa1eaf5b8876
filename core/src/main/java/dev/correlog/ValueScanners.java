package dev.correlog;

/**
 * The hand-written detectors behind {@link Redaction}: one pass each, no allocation unless found.
 */
final class ValueScanners {
  private ValueScanners() {}

  /** Replaces 13 to 19 digits (single space or hyphen between groups) passing the Luhn check. */
  static String cards(String s, String replacement) {
    int n = s.length();
    int digits = 0;
    for (int i = 0; i < n && digits < 13; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    if (digits < 13) {
      return s;
    }
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (!isDigit(c) || (i > 0 && isWordChar(s.charAt(i - 1)))) {
        i++;
        continue;
      }
      // A run of digits with single separators; remember the digits for the Luhn check.
      int start = i;
      int end = i;
      int count = 0;
      int sumOdd = 0; // the Luhn sum if the count turns out odd
      int sumEven = 0; // the Luhn sum if the count turns out even
      int j = i;
      while (j < n) {
        char d = s.charAt(j);
        if (isDigit(d)) {
          count++;
          int v = d - '0';
          int doubled = v * 2 > 9 ? v * 2 - 9 : v * 2;
          // Position parity from the start; fixed up once the length is known.
          sumOdd += (count & 1) == 0 ? doubled : v;
          sumEven += (count & 1) == 0 ? v : doubled;
          end = ++j;
        } else if ((d == ' ' || d == '-') && j + 1 < n && isDigit(s.charAt(j + 1)) && j > start) {
          j++;
        } else {
          break;
        }
      }
      boolean boundary = end == n || !isWordChar(s.charAt(end));
      // From the end, the last digit is not doubled: odd counts double even positions from start.
      int sum = (count & 1) == 1 ? sumOdd : sumEven;
      if (boundary && count >= 13 && count <= 19 && sum % 10 == 0) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(s, copied, start).append(replacement);
        copied = end;
      }
      i = Math.max(end, i + 1);
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  /** Replaces the token after {@code Bearer} (any case) and spaces. */
  static String bearer(String s, String replacement) {
    int n = s.length();
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (true) {
      int at = indexOfIgnoreCase(s, "bearer", from);
      if (at < 0) {
        break;
      }
      from = at + 6;
      if (at > 0 && isWordChar(s.charAt(at - 1))) {
        continue;
      }
      int t = at + 6;
      int spaces = t;
      while (t < n && s.charAt(t) == ' ') {
        t++;
      }
      if (t == spaces) {
        continue;
      }
      int end = t;
      boolean lowerOnly = true;
      while (end < n && isToken68(s.charAt(end))) {
        char c = s.charAt(end);
        lowerOnly &= c >= 'a' && c <= 'z';
        end++;
      }
      while (end < n && s.charAt(end) == '=') {
        end++;
        lowerOnly = false;
      }
      if (end - t >= 8 && !lowerOnly) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(s, copied, t).append(replacement);
        copied = end;
        from = end;
      }
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  /** Replaces {@code eyJ...}.{@code ...}.{@code ...} in base64url. */
  static String jwts(String s, String replacement) {
    int n = s.length();
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (true) {
      int at = s.indexOf("eyJ", from);
      if (at < 0) {
        break;
      }
      from = at + 3;
      if (at > 0 && isBase64Url(s.charAt(at - 1))) {
        continue;
      }
      int end = segment(s, at);
      if (end - at < 4 || end >= n || s.charAt(end) != '.') {
        continue;
      }
      int payloadEnd = segment(s, end + 1);
      if (payloadEnd - end - 1 < 2 || payloadEnd >= n || s.charAt(payloadEnd) != '.') {
        continue;
      }
      int sigEnd = segment(s, payloadEnd + 1);
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(s, copied, at).append(replacement);
      copied = sigEnd;
      from = sigEnd;
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  private static int segment(String s, int i) {
    int n = s.length();
    while (i < n && isBase64Url(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int indexOfIgnoreCase(String s, String lower, int from) {
    int last = s.length() - lower.length();
    char first = lower.charAt(0);
    for (int i = from; i <= last; i++) {
      char c = s.charAt(i);
      if ((c == first || c == first - 32) && s.regionMatches(true, i, lower, 0, lower.length())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordChar(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isBase64Url(char c) {
    return isWordChar(c) || c == '-';
  }

  private static boolean isToken68(char c) {
    return isWordChar(c) || c == '-' || c == '.' || c == '~' || c == '+' || c == '/';
  }
}
