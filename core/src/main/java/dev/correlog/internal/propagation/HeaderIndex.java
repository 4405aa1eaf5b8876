package dev.correlog.internal.propagation;

import java.util.Arrays;
import java.util.Map;

/**
 * Case-insensitive lookups in a case-sensitive {@code Map} without scanning it for every absent
 * header: during an extraction ({@link #enter()} to {@link #exit}), the first lookup that misses
 * builds an index of the map's keys (one pass), and every later miss costs a hash probe. Outside an
 * extraction a miss scans the keys, as nothing says the map did not change between two calls.
 *
 * <p>The state is per thread and held only in JDK types ({@code Object[]}, {@code String[]}), so a
 * thread of a container outliving a redeployed application keeps no class of this library alive.
 * The carrier is not expected to change during one extraction.
 */
public final class HeaderIndex {
  /** [0] the indexed carrier or null, [1] String[] table, [2] int[] {depth}. */
  private static final ThreadLocal<Object[]> STATE =
      ThreadLocal.withInitial(() -> new Object[] {null, new String[16], new int[1]});

  /** Tables up to this many slots are kept for the next extraction; larger ones are dropped. */
  private static final int KEEP = 256;

  /**
   * Maps of at most this many keys are scanned on a miss ({@link #scan}) instead of indexed: a
   * bounded cost (at most this many length compares per absent header), and far below the index's.
   */
  public static final int SCAN_LIMIT = 16;

  private HeaderIndex() {}

  /**
   * The value of the key of {@code map} equal to {@code key} ignoring the case of ASCII letters, by
   * one pass over the keys; null when there is none. Meant for small maps ({@link #SCAN_LIMIT}).
   */
  public static <V> V scan(Map<String, V> map, String key) {
    int n = key.length();
    for (Map.Entry<String, V> e : map.entrySet()) {
      String k = e.getKey();
      if (k != null && k.length() == n && same(key, k) && e.getValue() != null) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Starts an extraction on this thread (nested calls are counted); pass the result to exit. */
  public static Object[] enter() {
    Object[] s = STATE.get();
    ((int[]) s[2])[0]++;
    return s;
  }

  /** Ends the extraction begun by {@link #enter()}: the outermost one forgets the index. */
  public static void exit(Object[] s) {
    int[] depth = (int[]) s[2];
    if (--depth[0] <= 0) {
      depth[0] = 0;
      if (s[0] != null) {
        s[0] = null;
        String[] t = (String[]) s[1];
        if (t.length > KEEP) {
          s[1] = new String[16];
        } else {
          Arrays.fill(t, null);
        }
      }
    }
  }

  /**
   * The value of the key of {@code map} equal to {@code key} ignoring the case of ASCII letters,
   * after an exact lookup missed; null when there is none. When several keys match, the first one
   * seen wins.
   */
  public static <V> V get(Map<String, V> map, String key) {
    Object[] s = STATE.get();
    if (((int[]) s[2])[0] == 0) {
      for (Map.Entry<String, V> e : map.entrySet()) {
        if (same(key, e.getKey()) && e.getValue() != null) {
          return e.getValue();
        }
      }
      return null;
    }
    if (s[0] != map) {
      index(s, map);
    }
    String[] t = (String[]) s[1];
    int mask = t.length - 1;
    for (int i = hash(key) & mask; t[i] != null; i = (i + 1) & mask) {
      if (same(t[i], key)) {
        return map.get(t[i]);
      }
    }
    return null;
  }

  private static void index(Object[] s, Map<String, ?> map) {
    int n = map.size();
    int cap = 16;
    while (cap < n * 2 && cap < (1 << 30)) {
      cap <<= 1;
    }
    String[] t = (String[]) s[1];
    if (t.length < cap) {
      t = new String[cap];
    } else {
      Arrays.fill(t, null);
    }
    int mask = t.length - 1;
    for (String k : map.keySet()) {
      if (k == null) {
        continue;
      }
      int i = hash(k) & mask;
      while (t[i] != null && !same(t[i], k)) {
        i = (i + 1) & mask;
      }
      if (t[i] == null) {
        t[i] = k;
      }
    }
    s[1] = t;
    s[0] = map;
  }

  /** Equal ignoring the case of ASCII letters only, as HTTP header names are compared. */
  static boolean same(String a, String b) {
    int n = a.length();
    if (b == null || b.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && (x | 32) != (y | 32) || x != y && !isLetter(x | 32)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(int c) {
    return c >= 'a' && c <= 'z';
  }

  /** A hash that ignores the case of ASCII letters (other characters as they are). */
  private static int hash(String k) {
    int h = 0;
    for (int i = 0, n = k.length(); i < n; i++) {
      char c = k.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      h = 31 * h + c;
    }
    return h ^ (h >>> 16);
  }
}
