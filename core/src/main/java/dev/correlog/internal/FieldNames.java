package dev.correlog.internal;

import java.util.Set;

/**
 * The naming rules for event and field names, and the envelope names no user field may take.
 * Checking a name costs a table lookup after the first time: results are cached by the name's
 * (cached) hash code in a small direct-mapped table of immutable entries.
 */
public final class FieldNames {
  public static final byte VALID = 0;
  public static final byte INVALID = 1;
  public static final byte RESERVED = 2;

  /** Longest accepted name. */
  public static final int MAX_LENGTH = 128;

  /** Envelope and standard fields, in the order a line holds them. */
  public static final Set<String> RESERVED_NAMES =
      Set.of(
          "timestamp",
          "level",
          "service",
          "version",
          "trace_id",
          "span_id",
          "parent_span_id",
          "request_id",
          "event",
          "logger",
          "thread",
          "message",
          "environment",
          "trace_sampled",
          "sample_rate",
          "sampled_by",
          "error",
          "schema_errors",
          "truncated");

  private static final int CACHE_SIZE = 1024;
  private static final Entry[] CACHE = new Entry[CACHE_SIZE];

  /** A checked name: its status and, for a valid one, its encoded {@code ,"name":} prefix. */
  public static final class Entry {
    final String name;
    public final byte status;
    public final byte[] prefix;

    /** The length of {@link #prefix}, at hand without loading the array. */
    final int prefixLength;

    /** The name's hash code, and its bit in a field buffer's filter of names seen (see there). */
    final int hash;

    final long bit;

    /** {@link #prefix} as words for {@link Words#put}; null for a name that is not valid. */
    final long[] prefixWords;

    Entry(String name, byte status) {
      this.name = name;
      this.status = status;
      this.hash = name.hashCode();
      this.bit = nameBit(hash);
      this.prefix =
          status == VALID
              ? (",\"" + name + "\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII)
              : null;
      this.prefixWords = prefix == null ? null : Words.of(prefix);
      this.prefixLength = prefix == null ? 0 : prefix.length;
    }
  }

  private FieldNames() {}

  /** The bit of a name of hash code {@code h} in a field buffer's 64-bit filter of names seen. */
  static long nameBit(int h) {
    return 1L << (h ^ (h >>> 6));
  }

  /** {@link #VALID}, {@link #INVALID} or {@link #RESERVED}. */
  public static byte status(String name) {
    return entry(name).status;
  }

  /** The checked entry of {@code name}, from the cache when it is there. */
  public static Entry entry(String name) {
    int slot = name.hashCode() & (CACHE_SIZE - 1);
    Entry e = CACHE[slot];
    if (e != null && (e.name == name || e.name.equals(name))) {
      return e;
    }
    // RESERVED only for a well-formed name: callers write VALID and RESERVED names without
    // escaping (nested objects may use envelope names), so a malformed one must be INVALID.
    byte s = !isValid(name) ? INVALID : isReserved(name) ? RESERVED : VALID;
    e = new Entry(name, s);
    CACHE[slot] = e;
    return e;
  }

  /**
   * True for an envelope name and for a dotted name under one ({@code service.name}, {@code
   * error.type}), which would clash with the envelope in stores that expand dots into objects.
   */
  public static boolean isReserved(String name) {
    if (RESERVED_NAMES.contains(name)) {
      return true;
    }
    int dot = name.indexOf('.');
    return dot > 0 && RESERVED_NAMES.contains(name.substring(0, dot));
  }

  /**
   * Lowercase snake_case segments separated by single dots: {@code user_id}, {@code
   * http.status_code}. Each segment starts with a letter.
   */
  public static boolean isValid(String name) {
    int n = name.length();
    if (n == 0 || n > MAX_LENGTH) {
      return false;
    }
    boolean segmentStart = true;
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (segmentStart) {
        if (c < 'a' || c > 'z') {
          return false;
        }
        segmentStart = false;
      } else if (c == '.') {
        segmentStart = true;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return !segmentStart;
  }

  /** Event names: a lowercase letter, then lowercase letters, digits, '_', '.' or '-'. */
  public static boolean isValidEventName(String name) {
    int n = name.length();
    if (n == 0 || n > MAX_LENGTH || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
