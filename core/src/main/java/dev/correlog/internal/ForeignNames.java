package dev.correlog.internal;

import dev.correlog.FieldNamePolicy;

/**
 * Field names under {@link FieldNamePolicy#KEEP} and {@link FieldNamePolicy#SNAKE_CASE}: the name
 * to write and its encoded {@code ,"name":} prefix, cached by the name given (identity first, then
 * text) in a small direct-mapped table per policy, so a bridge that logs the same keys again
 * allocates nothing. See {@link FieldNamePolicy} for the rules.
 */
final class ForeignNames {
  /** What a name that is taken gets in front of it, as many times as needed. */
  static final String TAKEN_PREFIX = "_";

  private static final int CACHE_SIZE = 1024;
  private static final int MAX_CACHED = 256;
  private static final Entry[] KEEP = new Entry[CACHE_SIZE];
  private static final Entry[] SNAKE = new Entry[CACHE_SIZE];
  private static final Entry NULL_NAME = new Entry(null, TAKEN_PREFIX);

  /** A name as given, and what is written for it before per-event clashes. Immutable. */
  static final class Entry {
    final String given;
    final String written;
    final byte[] prefix;

    Entry(String given, String written) {
      this.given = given;
      this.written = written;
      this.prefix = prefix(written);
    }
  }

  private ForeignNames() {}

  /** The entry of {@code name} under {@code policy} (KEEP or SNAKE_CASE); never null. */
  static Entry of(String name, FieldNamePolicy policy) {
    if (name == null) {
      return NULL_NAME;
    }
    Entry[] cache = policy == FieldNamePolicy.SNAKE_CASE ? SNAKE : KEEP;
    int slot = name.hashCode() & (CACHE_SIZE - 1);
    Entry e = cache[slot];
    if (e != null && (e.given == name || e.given.equals(name))) {
      return e;
    }
    String w = policy == FieldNamePolicy.SNAKE_CASE ? snakeCase(name) : name;
    w = cut(w, FieldNames.MAX_LENGTH);
    if (w.isEmpty() || FieldNames.isReserved(w)) {
      w = TAKEN_PREFIX + w;
    }
    e = new Entry(name, w);
    if (name.length() <= MAX_CACHED) {
      cache[slot] = e; // a huge name is not kept alive by the cache
    }
    return e;
  }

  /**
   * A name inside a nested object: as at the top level, but no envelope field to avoid there (and
   * no cache: nested objects are rare in bridged events).
   */
  static String nested(String name, FieldNamePolicy policy) {
    if (name == null || name.isEmpty()) {
      return TAKEN_PREFIX;
    }
    return cut(
        policy == FieldNamePolicy.SNAKE_CASE ? snakeCase(name) : name, FieldNames.MAX_LENGTH);
  }

  /** {@code s} cut to {@code max} characters, never between the halves of a surrogate pair. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  /** {@code ,"name":} with the name escaped as a JSON string. */
  static byte[] prefix(String name) {
    JsonBuffer b = new JsonBuffer(name.length() + 8, 4096);
    b.raw((byte) ',').string(name, FieldNames.MAX_LENGTH + 16).raw((byte) ':');
    return java.util.Arrays.copyOf(b.array(), b.length());
  }

  /** See {@link FieldNamePolicy#SNAKE_CASE}. */
  static String snakeCase(String s) {
    int n = s.length();
    StringBuilder b = null; // only when something changes
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      char mapped;
      boolean split = false;
      if (Character.isUpperCase(c)) {
        mapped = Character.toLowerCase(c);
        if (i > 0) {
          char prev = s.charAt(i - 1);
          char next = i + 1 < n ? s.charAt(i + 1) : 0;
          split =
              Character.isLowerCase(prev)
                  || Character.isDigit(prev)
                  || (Character.isUpperCase(prev) && Character.isLowerCase(next));
        }
      } else if (c == '.' || c == '_' || Character.isLetterOrDigit(c)) {
        mapped = c;
      } else {
        mapped = '_';
      }
      if (b == null && (mapped != c || split)) {
        b = new StringBuilder(n + 8).append(s, 0, i);
      }
      if (b != null) {
        if (split) {
          b.append('_');
        }
        b.append(mapped);
      }
    }
    return b == null ? s : b.toString();
  }
}
