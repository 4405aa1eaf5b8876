package dev.correlog.internal.propagation;

/**
 * W3C {@code tracestate}: validation, normalisation and the truncation rule for injection.
 *
 * <p>Grammar (Level 2): list members separated by commas, optional spaces and tabs around each,
 * empty members allowed and skipped, at most 32 members. A key is 1 to 256 characters, {@code
 * [a-z0-9][a-z0-9_\-*\/@]{0,255}}: it may start with a digit, and {@code @} may follow the first
 * character ({@code tenant@vendor}, multi-tenant keys). A value is 1 to 256 printable ASCII
 * characters (0x20 to 0x7E) except {@code ','} and {@code '='}, and does not end with a space.
 *
 * <p>Choices: a key seen again ({@code foo=1,foo=2}) is a duplicate and only that later member is
 * dropped (the first is the most recent vendor's, as members are prepended); if any member is
 * invalid, or there are more than 32, the whole {@code tracestate} is discarded, as the spec
 * allows: keeping the valid members of a header that is known to be damaged would forward guesses.
 */
final class TraceStates {
  /** Longer {@code tracestate} values are ignored without being read. */
  static final int MAX_EXTRACT = 8192;

  /** Injected values are truncated to this length (whole members dropped). */
  static final int MAX_INJECT = 512;

  /** Members longer than this are dropped first when truncating. */
  static final int LARGE_MEMBER = 128;

  static final int MAX_MEMBERS = 32;

  private static final long CLEAN = 1L << 8;

  /** Character classes of ASCII: a key character, a value character other than space. */
  private static final byte KEY = 1;

  private static final byte VALUE = 2;
  private static final byte[] CLASS = new byte[128];

  static {
    for (char c = 0x21; c <= 0x7e; c++) {
      if (c != ',' && c != '=') {
        CLASS[c] = VALUE;
      }
    }
    for (char c = 'a'; c <= 'z'; c++) {
      CLASS[c] |= KEY;
    }
    for (char c = '0'; c <= '9'; c++) {
      CLASS[c] |= KEY;
    }
    for (char c : new char[] {'_', '-', '*', '/', '@'}) {
      CLASS[c] |= KEY;
    }
  }

  private static final int TOTAL_SHIFT = 16;

  private TraceStates() {}

  /**
   * The {@code tracestate} to keep from a received value: the value itself when it is valid and has
   * no whitespace or empty members, a normalised copy when it has some, null when it is absent,
   * empty, too long or invalid.
   */
  static String forExtract(String s) {
    if (s == null || s.length() > MAX_EXTRACT) {
      return null;
    }
    long r = scan(s);
    if (r <= 0 || (r & 0xff) == 0) {
      return null;
    }
    if ((r & CLEAN) == 0) {
      return join(s, Integer.MAX_VALUE);
    }
    if ((r >>> TOTAL_SHIFT) <= MAX_INJECT) {
      remember(s, s); // what forInject answers for it, so that forwarding it scans it once
    }
    return s;
  }

  /** The {@code tracestate} to send: validated, normalised and truncated to 512; null for none. */
  static String forInject(String s) {
    if (s == null || s.length() > MAX_EXTRACT) {
      return null;
    }
    // Every context of a trace shares its tracestate string: its answer is remembered by identity
    // (slots of immutable entries; racing threads at worst miss and compute it again).
    int slot = System.identityHashCode(s) & (INJECTED.length - 1);
    Injected last = INJECTED[slot];
    if (last != null && last.given == s) {
      return last.sent;
    }
    String sent = computeForInject(s);
    remember(s, sent);
    return sent;
  }

  private static void remember(String given, String sent) {
    INJECTED[System.identityHashCode(given) & (INJECTED.length - 1)] = new Injected(given, sent);
  }

  private static final Injected[] INJECTED = new Injected[64];

  /** A {@code tracestate} given to inject and what was sent for it. */
  private static final class Injected {
    final String given;
    final String sent;

    Injected(String given, String sent) {
      this.given = given;
      this.sent = sent;
    }
  }

  private static String computeForInject(String s) {
    long r = scan(s);
    if (r <= 0 || (r & 0xff) == 0) {
      return null;
    }
    if ((r & CLEAN) != 0 && (r >>> TOTAL_SHIFT) <= MAX_INJECT) {
      return s;
    }
    return join(s, MAX_INJECT);
  }

  /**
   * Validates {@code s} without allocating. Returns -1 when invalid; otherwise the member count in
   * bits 0-7, {@link #CLEAN} when there is no whitespace and no empty member, and the length of the
   * normalised value (members joined by single commas) from bit 16.
   */
  static long scan(String s) {
    long r = scanClean(s);
    return r != 0 ? r : scanAny(s);
  }

  /**
   * {@link #scan} for the common case, in one pass: no whitespace, no empty member, no key seen
   * twice (by {@link #keyHash}), no space inside a value, at most 32 members. Returns 0 when {@code
   * s} is anything else, valid or not, and {@link #scanAny} decides; otherwise the same answer.
   */
  static long scanClean(String s) {
    int n = s.length();
    int i = 0;
    int count = 0;
    long seen = 0;
    while (i < n) {
      int ks = i;
      char c = s.charAt(i);
      if (!isLcAlphaOrDigit(c)) {
        return 0;
      }
      while (true) {
        if (++i == n) {
          return 0;
        }
        c = s.charAt(i);
        if (c >= 128 || (CLASS[c] & KEY) == 0) {
          break;
        }
      }
      int ke = i;
      if (c != '=' || ke - ks > 256) {
        return 0;
      }
      int vs = ++i;
      for (; i < n; i++) {
        c = s.charAt(i);
        if (c >= 128 || (CLASS[c] & VALUE) == 0) {
          break;
        }
      }
      if (i == vs || i - vs > 256 || (i < n && c != ',')) {
        return 0;
      }
      long bit = 1L << (keyHash(s, ks, ke) & 63);
      if ((seen & bit) != 0 || ++count > MAX_MEMBERS) {
        return 0;
      }
      seen |= bit;
      if (i < n && ++i == n) {
        return 0; // a trailing comma: an empty member
      }
    }
    return count == 0 ? 0 : count | CLEAN | ((long) n << TOTAL_SHIFT);
  }

  /** {@link #scan} for any {@code s}. */
  static long scanAny(String s) {
    int n = s.length();
    int i = 0;
    int count = 0;
    int total = 0;
    boolean clean = true;
    long seen = 0; // one bit per key hash: a cheap first test for duplicate keys
    while (true) {
      int start = i;
      i = CarrierAccess.trimStart(s, i, n);
      if (i != start) {
        clean = false;
      }
      if (i == n || s.charAt(i) == ',') { // empty member
        clean = false;
        if (i == n) {
          break;
        }
        i++;
        continue;
      }
      int ks = i;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 128 || (CLASS[c] & KEY) == 0) {
          break;
        }
      }
      if (i == n || s.charAt(i) != '=' || !validKey(s, ks, i)) {
        return -1;
      }
      int ke = i++;
      int vs = i;
      int ve = -1;
      // Runs of value characters separated by spaces; a tab may only be trailing whitespace.
      while (true) {
        int run = i;
        while (i < n) {
          char c = s.charAt(i);
          if (c >= 128 || (CLASS[c] & VALUE) == 0) {
            break;
          }
          i++;
        }
        if (i != run) {
          ve = i;
        }
        if (i == n) {
          break;
        }
        char c = s.charAt(i);
        if (c == ' ') {
          i++;
        } else if (c == '\t') {
          i = CarrierAccess.trimStart(s, i + 1, n);
          if (i < n && s.charAt(i) != ',') {
            return -1;
          }
          break;
        } else if (c == ',') {
          break;
        } else {
          return -1;
        }
      }
      if (ve < 0 || ve - vs > 256) {
        return -1;
      }
      if (ve != i) {
        clean = false;
      }
      long bit = 1L << (keyHash(s, ks, ke) & 63);
      if ((seen & bit) != 0 && seenBefore(s, ks, ke)) {
        clean = false; // a duplicate key: join drops this member
      } else {
        if (++count > MAX_MEMBERS) {
          return -1;
        }
        seen |= bit;
        total += ve - ks + (count > 1 ? 1 : 0);
      }
      if (i == n) {
        break;
      }
      i++; // the comma
    }
    return count | (clean ? CLEAN : 0) | ((long) total << TOTAL_SHIFT);
  }

  private static boolean validKey(String s, int ks, int ke) {
    return ke > ks && ke - ks <= 256 && isLcAlphaOrDigit(s.charAt(ks));
  }

  /** True when the key [ks, ke) already occurs in the (valid) members before {@code ks}. */
  private static boolean seenBefore(String s, int ks, int ke) {
    int len = ke - ks;
    int i = 0;
    while (i < ks) {
      i = CarrierAccess.trimStart(s, i, ks);
      int eq = i;
      while (eq < ks && s.charAt(eq) != '=' && s.charAt(eq) != ',') {
        eq++;
      }
      if (eq < ks && s.charAt(eq) == '=' && eq - i == len && s.regionMatches(i, s, ks, len)) {
        return true;
      }
      int comma = s.indexOf(',', eq);
      if (comma < 0) {
        return false;
      }
      i = comma + 1;
    }
    return false;
  }

  /**
   * The members of valid {@code s} joined by single commas; when that is longer than {@code limit},
   * members over 128 characters are dropped first (from the end), then members from the end, until
   * it fits. Null when nothing is left.
   */
  private static String join(String s, int limit) {
    int[] from = new int[MAX_MEMBERS];
    int[] to = new int[MAX_MEMBERS];
    int m = 0;
    int total = -1;
    for (int i = 0, n = s.length(); i <= n; ) {
      int comma = s.indexOf(',', i);
      int end = comma < 0 ? n : comma;
      int b = CarrierAccess.trimStart(s, i, end);
      int e = CarrierAccess.trimEnd(s, b, end);
      if (e > b && !duplicate(s, from, m, b)) {
        from[m] = b;
        to[m++] = e;
        total += e - b + 1;
      }
      i = end + 1;
    }
    boolean[] dropped = new boolean[m];
    int kept = m;
    while (total > limit && kept > 0) {
      int victim = -1;
      for (int k = m - 1; k >= 0 && victim < 0; k--) {
        if (!dropped[k] && to[k] - from[k] > LARGE_MEMBER) {
          victim = k;
        }
      }
      for (int k = m - 1; k >= 0 && victim < 0; k--) {
        if (!dropped[k]) {
          victim = k;
        }
      }
      dropped[victim] = true;
      kept--;
      total -= to[victim] - from[victim] + 1;
    }
    if (kept == 0) {
      return null;
    }
    StringBuilder out = new StringBuilder(total);
    for (int k = 0; k < m; k++) {
      if (!dropped[k]) {
        if (out.length() > 0) {
          out.append(',');
        }
        out.append(s, from[k], to[k]);
      }
    }
    return out.toString();
  }

  /** True when the member at {@code b} has the key of one of the first {@code m} members. */
  private static boolean duplicate(String s, int[] from, int m, int b) {
    int len = s.indexOf('=', b) - b;
    for (int k = 0; k < m; k++) {
      int f = from[k];
      if (f + len < s.length() && s.charAt(f + len) == '=' && s.regionMatches(f, s, b, len)) {
        return true;
      }
    }
    return false;
  }

  /** A cheap hash of the key [ks, ke): its length and its last two characters. */
  private static int keyHash(String s, int ks, int ke) {
    int len = ke - ks;
    return len * 7 + s.charAt(ke - 1) * 31 + (len > 1 ? s.charAt(ke - 2) : 0);
  }

  private static boolean isLcAlphaOrDigit(char c) {
    return isLcAlpha(c) || (c >= '0' && c <= '9');
  }

  private static boolean isLcAlpha(char c) {
    return c >= 'a' && c <= 'z';
  }
}
