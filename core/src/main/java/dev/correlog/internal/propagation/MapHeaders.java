package dev.correlog.internal.propagation;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The case-insensitive lookups behind {@code Carriers.MAP_GETTER}: header names are compared
 * ignoring the case of ASCII letters only, as HTTP compares them; a key or value that is null is
 * absent. When several keys match a name, the one equal to it wins, else the first one seen.
 *
 * <p>{@link #getEach} (several names at once) picks one of two ways, by the map's size, with the
 * same answers:
 *
 * <ul>
 *   <li>{@link #pass}, for a map with more keys than there are names, up to {@link #PASS_MAX} keys
 *       (a real request's header map): one walk over the entries. A key is skipped on its length
 *       unless a name not yet found exactly has that length, then on its last letter, and only then
 *       compared. Such a map always lacks some of the names (a format's optional headers; {@code
 *       b3} and {@code X-B3-*} exclude each other), and every miss must rule out other cases, so
 *       the walk is needed anyway: the hash lookups the other way starts with are saved. The
 *       built-in formats' names are a {@link HeaderNames}, whose table takes a key to the names of
 *       its length and last character in two reads; any other list loops over its names per key of
 *       a name's length (on {@code B3MultiBenchmark}'s 15-key request map, the loop was most of the
 *       time spent besides the walk itself).
 *   <li>{@link #lookupsThenFill} otherwise: an exact hash lookup per name, stopping once every key
 *       of the map was found (a map holding only propagation headers is never walked); then, when
 *       names are missing, one walk filling them. Above {@link #PASS_MAX} keys the lookups settle
 *       the names found exactly before the walk, which then compares fewer keys.
 * </ul>
 *
 * <p>Measured with {@code MapLookupBenchmark}'s maps and a CPU-time harness on a loaded 2-vCPU
 * machine (2026-12-02): the walk was 7 to 20% cheaper at 10, 15 and 30 keys, and at 100 keys 10 to
 * 20% cheaper with canonical-case names but 15% dearer with lowercase ones; on a 3-key map the
 * lookups cost a third of the walk.
 */
public final class MapHeaders {
  /** The largest map {@link #getEach} walks without looking the names up first. */
  public static final int PASS_MAX = 64;

  private MapHeaders() {}

  /**
   * The value of the key of {@code map} equal to {@code key} ignoring the case of ASCII letters, by
   * one pass over the entries; null when there is none. When several keys match, the first one seen
   * wins.
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

  /**
   * {@code values[i]} (for {@code i} below {@code names.size()}, at most 64 names, distinct
   * ignoring case): the value of the key equal to {@code names.get(i)}, else of the first key seen
   * equal to it ignoring the case of ASCII letters, else null; keys and values that are null are
   * skipped. {@link #pass} or {@link #lookupsThenFill}, by the map's size.
   */
  public static void getEach(Map<String, String> map, List<String> names, String[] values) {
    int n = names.size();
    int size = map.size();
    if (size > n && size <= PASS_MAX && n <= 64 && !caseInsensitive(map)) {
      if (names instanceof HeaderNames) {
        pass(map, (HeaderNames) names, values);
      } else {
        pass(map, names, values);
      }
    } else {
      lookupsThenFill(map, names, values);
    }
  }

  /** {@link #getEach} by one pass over the entries; at most 64 names. */
  public static void pass(Map<String, String> map, List<String> names, String[] values) {
    int n = names.size();
    long lengths = 0; // bit min(length, 63) of every name not found exactly yet
    for (int i = 0; i < n; i++) {
      values[i] = null;
      lengths |= lengthBit(names.get(i).length());
    }
    long exact = 0; // bit i: values[i] came from the key equal to names[i], nothing can beat it
    for (Map.Entry<String, String> e : map.entrySet()) {
      String k = e.getKey();
      if (k == null) {
        continue;
      }
      int length = k.length();
      if ((lengths & lengthBit(length)) == 0) {
        continue;
      }
      // compared first: it tells most same-length keys apart
      int last = length == 0 ? 0 : k.charAt(length - 1) | 32;
      for (int i = 0; i < n; i++) {
        if ((exact & 1L << i) != 0) {
          continue;
        }
        String name = names.get(i);
        if (name.length() != length || (length > 0 && (name.charAt(length - 1) | 32) != last)) {
          continue;
        }
        if (name.equals(k)) {
          String v = e.getValue();
          if (v != null) {
            values[i] = v;
            exact |= 1L << i;
            lengths = unsettled(names, exact); // keys of no other name's length: not looked at
          }
          break;
        }
        if (values[i] == null && same(name, k)) {
          values[i] = e.getValue(); // first of the other cases seen, until the exact key is
          break;
        }
      }
    }
  }

  /**
   * {@link #pass} with the names' table: a key reaches only the names of its length and last
   * character ({@link HeaderNames}), with no loop over the others. The same answers.
   */
  static void pass(Map<String, String> map, HeaderNames table, String[] values) {
    String[] names = table.array();
    int n = names.length;
    for (int i = 0; i < n; i++) {
      values[i] = null;
    }
    long open = table.all(); // bit i: names[i] not found exactly yet
    for (Map.Entry<String, String> e : map.entrySet()) {
      String k = e.getKey();
      if (k == null) {
        continue;
      }
      int length = k.length();
      long candidates = table.ofLength(length) & open;
      if (candidates == 0) {
        continue;
      }
      candidates &= table.endingWith(HeaderNames.last(k, length));
      while (candidates != 0) {
        int i = Long.numberOfTrailingZeros(candidates);
        candidates &= candidates - 1;
        String name = names[i];
        if (name.equals(k)) {
          String v = e.getValue();
          if (v != null) {
            values[i] = v;
            open &= ~(1L << i);
          }
          break;
        }
        if (values[i] == null && same(name, k)) {
          values[i] = e.getValue(); // first of the other cases seen, until the exact key is
          break;
        }
      }
    }
  }

  /** The length bits of the names not found exactly. */
  private static long unsettled(List<String> names, long exact) {
    long lengths = 0;
    for (int i = 0, n = names.size(); i < n; i++) {
      if ((exact & 1L << i) == 0) {
        lengths |= lengthBit(names.get(i).length());
      }
    }
    return lengths;
  }

  private static long lengthBit(int length) {
    return 1L << Math.min(length, 63);
  }

  /**
   * {@link #getEach} by an exact lookup per name; then, when some are missing, the map has keys
   * besides the ones found and is not {@link #caseInsensitive}, one pass filling the missing ones.
   * Once every key of the map was found, the remaining names are absent without a lookup.
   */
  public static void lookupsThenFill(Map<String, String> map, List<String> names, String[] values) {
    int n = names.size();
    int size = map.size();
    int found = 0;
    for (int i = 0; i < n; i++) {
      String v = size == 0 ? null : map.get(names.get(i));
      values[i] = v;
      if (v != null && ++found == size) {
        for (int j = i + 1; j < n; j++) {
          values[j] = null;
        }
        return;
      }
    }
    if (found < n && size > 0 && !caseInsensitive(map)) {
      fill(map, names, values);
    }
  }

  /**
   * A {@link SortedMap} ordered by {@link String#CASE_INSENSITIVE_ORDER}: its own lookup ignores
   * case already, so it is never scanned.
   */
  public static boolean caseInsensitive(Map<String, ?> map) {
    return map instanceof SortedMap
        && ((SortedMap<String, ?>) map).comparator() == String.CASE_INSENSITIVE_ORDER;
  }

  /**
   * Fills the null slots of {@code values} (below {@code names.size()}) with the values of the keys
   * of {@code map} equal to their names ignoring the case of ASCII letters, in one pass over the
   * entries, stopping once every slot is filled. When several keys match a name, the first one seen
   * wins; slots already filled (by an exact lookup) are kept.
   */
  private static void fill(Map<String, String> map, List<String> names, String[] values) {
    int n = names.size();
    int missing = 0;
    for (int i = 0; i < n; i++) {
      if (values[i] == null) {
        missing++;
      }
    }
    for (Map.Entry<String, String> e : map.entrySet()) {
      String k = e.getKey();
      if (k == null) {
        continue;
      }
      int length = k.length();
      for (int i = 0; i < n; i++) {
        String name = names.get(i);
        if (values[i] == null && name.length() == length && same(name, k)) {
          String v = e.getValue();
          if (v != null) {
            values[i] = v;
            if (--missing == 0) {
              return;
            }
          }
          break;
        }
      }
    }
  }

  /**
   * Equal ignoring the case of ASCII letters only, as HTTP header names are compared. Compared from
   * the end: names of one family share their start ({@code X-B3-}, {@code Content-}).
   */
  public static boolean same(String a, String b) {
    int n = a.length();
    if (b == null || b.length() != n) {
      return false;
    }
    for (int i = n - 1; i >= 0; i--) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && ((x | 32) != (y | 32) || !isLetter(x | 32))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(int c) {
    return c >= 'a' && c <= 'z';
  }
}
