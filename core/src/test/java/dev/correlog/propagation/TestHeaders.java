package dev.correlog.propagation;

import java.util.ArrayList;
import java.util.List;

/**
 * Headers as an HTTP server sees them: names in any case, a name may repeat, and the getter joins
 * repeated values with "," in order, as HTTP combines them.
 */
final class TestHeaders {
  static final Getter<TestHeaders> GETTER = TestHeaders::get;
  static final Setter<TestHeaders> SETTER = TestHeaders::set;

  private final List<String[]> entries = new ArrayList<>();

  /** Alternating names and values. */
  static TestHeaders of(String... namesAndValues) {
    TestHeaders h = new TestHeaders();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return h;
  }

  TestHeaders add(String name, String value) {
    entries.add(new String[] {name, value});
    return this;
  }

  String get(String name) {
    String joined = null;
    for (String[] e : entries) {
      if (e[0].equalsIgnoreCase(name)) {
        joined = joined == null ? e[1] : joined + "," + e[1];
      }
    }
    return joined;
  }

  int count(String name) {
    int n = 0;
    for (String[] e : entries) {
      if (e[0].equalsIgnoreCase(name)) {
        n++;
      }
    }
    return n;
  }

  int size() {
    return entries.size();
  }

  private void set(String name, String value) {
    entries.removeIf(e -> e[0].equalsIgnoreCase(name));
    entries.add(new String[] {name, value});
  }
}
