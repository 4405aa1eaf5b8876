package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code Carriers.MAP_GETTER.getEach} on both of its ways (a walk over a request's header map, more
 * keys than names and up to 64; exact lookups first for smaller and larger maps): the same answers
 * as a plain model of the contract, in every case, order and size.
 */
class MapGetterEachTest {
  static final List<String> B3 =
      List.of(
          "b3", "X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags");

  /** The contract, written plainly: the exact key, else the first key equal ignoring ASCII case. */
  static String model(Map<String, String> map, String name) {
    if (map.get(name) != null) {
      return map.get(name);
    }
    for (Map.Entry<String, String> e : map.entrySet()) {
      String k = e.getKey();
      if (k != null && e.getValue() != null && asciiSame(k, name)) {
        return e.getValue();
      }
    }
    return null;
  }

  static boolean asciiSame(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      boolean letter = (x | 32) >= 'a' && (x | 32) <= 'z';
      if (x != y && !(letter && (x | 32) == (y | 32))) {
        return false;
      }
    }
    return true;
  }

  static String[] each(Map<String, String> map, List<String> names) {
    String[] values = new String[names.size() + 1];
    Arrays.fill(values, "untouched");
    Carriers.MAP_GETTER.getEach(map, names, values);
    return values;
  }

  static String[] expected(Map<String, String> map, List<String> names) {
    String[] values = new String[names.size() + 1];
    for (int i = 0; i < names.size(); i++) {
      values[i] = model(map, names.get(i));
    }
    values[names.size()] = "untouched";
    return values;
  }

  /** A request's headers beside the B3 ones, then fillers, up to {@code size} keys in all. */
  static Map<String, String> request(Map<String, String> m, int size) {
    String[] common = {"Host", "User-Agent", "Accept", "Connection", "Content-Type", "Cookie"};
    for (int i = 0; m.size() < size; i++) {
      m.put(i < common.length ? common[i] : "X-Filler-" + i, "v" + i);
    }
    return m;
  }

  @Test
  void duplicatesInOtherCases_theExactKeyWins_whereverItComes() {
    for (int size : new int[] {4, 12, 40, 200}) {
      Map<String, String> before = new LinkedHashMap<>();
      before.put("X-B3-SPANID", "upper");
      before.put("x-b3-spanid", "lower");
      before.put("X-B3-SpanId", "exact");
      Map<String, String> after = new LinkedHashMap<>();
      after.put("X-B3-SpanId", "exact");
      after.put("x-b3-spanid", "lower");
      for (Map<String, String> m : List.of(request(before, size), request(after, size))) {
        assertThat(each(m, B3)[2]).as("size %d: %s", size, m.keySet()).isEqualTo("exact");
      }
    }
  }

  @Test
  void duplicatesInOtherCases_withoutTheExactKey_theFirstSeenWins() {
    for (int size : new int[] {3, 12, 40, 200}) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("x-b3-sampled", "first");
      m.put("X-B3-SAMPLED", "second");
      m.put("x-B3-Sampled", "third");
      request(m, size);
      assertThat(each(m, B3)[4]).as("size %d", size).isEqualTo("first");
    }
  }

  @Test
  void nullKeysAndNullValues_areAbsent_andDoNotHideAnotherCase() {
    for (int size : new int[] {4, 12, 40, 200}) {
      Map<String, String> m = new HashMap<>();
      m.put(null, "no name");
      m.put("X-B3-TraceId", null); // the exact key, without a value
      m.put("x-b3-traceid", "lower");
      m.put("b3", null);
      m.put("", "empty name");
      request(m, size);
      String[] v = each(m, B3);
      assertThat(v[1]).as("size %d", size).isEqualTo("lower");
      assertThat(v[0]).isNull();
      assertThat(v).isEqualTo(expected(m, B3));
    }
  }

  @Test
  void asciiFoldingOnly_andNoMatchOnALongerOrShorterKey() {
    Map<String, String> m = new HashMap<>();
    m.put("X-B3-TRACE\u0130D", "dotted capital I"); // folds to 'i' in Unicode, not in ASCII
    m.put("X-B3-SpanId ", "trailing space");
    m.put("X-B3-Sampled\u0000", "trailing NUL");
    m.put("X\rB3\rSpanId", "'\\r' | 32 is '-', but neither is a letter");
    request(m, 20);
    assertThat(each(m, B3)).containsOnly(null, "untouched");
  }

  @Test
  void randomMaps_ofEverySize_agreeWithTheModel() {
    Random random = new Random(1519);
    List<String> names = new ArrayList<>(B3);
    names.addAll(List.of("traceparent", "tracestate", "x-request-id"));
    for (int round = 0; round < 3_000; round++) {
      int size = random.nextInt(4) == 0 ? random.nextInt(120) : random.nextInt(20);
      Map<String, String> m = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
      while (m.size() < size) {
        String name =
            random.nextInt(3) == 0
                ? "X-Other-" + random.nextInt(300)
                : GetEachTest.randomCase(random, names.get(random.nextInt(names.size())));
        m.put(name, random.nextInt(10) == 0 ? null : "v" + m.size());
        if (random.nextInt(50) == 0) {
          m.put(null, "null key");
        }
      }
      List<String> wanted = random.nextBoolean() ? B3 : names;
      assertThat(each(m, wanted)).as("%s", m).isEqualTo(expected(m, wanted));
    }
  }

  @Test
  void requestMaps_areWalkedAtMostOnce() {
    for (int size : new int[] {7, 15, 64, 65, 100_000}) {
      HeaderStuffingTest.CountingMap m = new HeaderStuffingTest.CountingMap();
      m.put("x-b3-traceid", "t");
      m.put("X-B3-SpanId", "s");
      while (m.size() < size) {
        m.put("x-junk-" + m.size(), "v");
      }
      String[] v = each(m, B3);
      assertThat(v).startsWith(null, "t", "s", null, null, null, "untouched");
      assertThat(m.visited.get()).as("size %d", size).isLessThanOrEqualTo(m.size());
    }
  }

  /** A map whose every way to list its entries throws, as a hostile or broken carrier might. */
  static final class ThrowingMap extends AbstractMap<String, String> {
    final Map<String, String> inner;

    ThrowingMap(Map<String, String> inner) {
      this.inner = inner;
    }

    @Override
    public String get(Object key) {
      return inner.get(key);
    }

    @Override
    public int size() {
      return inner.size();
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return new java.util.AbstractSet<>() {
        @Override
        public Iterator<Entry<String, String>> iterator() {
          Iterator<Entry<String, String>> it = inner.entrySet().iterator();
          return new Iterator<>() {
            int handed;

            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Entry<String, String> next() {
              if (++handed > 2) {
                throw new IllegalStateException("broken iterator");
              }
              return it.next();
            }
          };
        }

        @Override
        public int size() {
          return inner.size();
        }
      };
    }
  }

  @Test
  void aMapThatThrowsWhileWalked_extractionDoesNotThrow_andKeepsTheExactHeaders() {
    for (int size : new int[] {3, 12, 40, 200}) {
      Map<String, String> inner = new LinkedHashMap<>();
      inner.put("X-B3-TraceId", "463ac35c9f6413ad48485a3953bb6124");
      inner.put("X-B3-SpanId", "a2fb4a1d1a96d312");
      inner.put("X-B3-Sampled", "1");
      ThrowingMap m = new ThrowingMap(request(inner, size));
      Extracted e = Propagators.b3Multi().extract(m, Carriers.MAP_GETTER);
      // getEach throws (when it walks), then get per name: the exact keys are found by lookup,
      // and a name whose scan throws is absent.
      assertThat(e.context()).as("size %d", size).isNotNull();
      assertThat(e.context().traceIdHex()).isEqualTo("463ac35c9f6413ad48485a3953bb6124");
      assertThat(e.sampling()).isEqualTo(SamplingDecision.SAMPLED);
      assertThat(Propagators.defaults().extract(m, Carriers.MAP_GETTER)).isNotNull();
    }
  }
}
