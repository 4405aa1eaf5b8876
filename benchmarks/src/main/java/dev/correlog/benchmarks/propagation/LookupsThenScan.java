package dev.correlog.benchmarks.propagation;

import java.util.List;
import java.util.Map;

/**
 * A frozen copy of {@code Carriers.MAP_GETTER.getEach} as issue 15's run of record measured it
 * (2026-12-02): an exact {@code HashMap} lookup per name; then, when some are missing and the map
 * holds other keys, one case-insensitive pass filling the missing ones. Kept as the reference
 * {@link MapLookupBenchmark} compares the single pass with.
 */
final class LookupsThenScan {
  private LookupsThenScan() {}

  static void getEach(Map<String, String> map, List<String> names, String[] values) {
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
    if (found < n && size > 0) {
      fill(map, names, values);
    }
  }

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

  private static boolean same(String a, String b) {
    int n = a.length();
    if (b.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
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
