package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A request stuffed with headers costs the case-insensitive {@code Map} getter one pass over its
 * keys per extraction, not one pass per absent header (issue 9's denial of service).
 */
class HeaderStuffingTest {
  /** A HashMap that counts the keys its iterators hand out. */
  static final class CountingMap extends HashMap<String, String> {
    final AtomicLong visited = new AtomicLong();

    @Override
    public Set<String> keySet() {
      Set<String> keys = super.keySet();
      return new java.util.AbstractSet<>() {
        @Override
        public Iterator<String> iterator() {
          Iterator<String> it = keys.iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public String next() {
              visited.incrementAndGet();
              return it.next();
            }
          };
        }

        @Override
        public int size() {
          return keys.size();
        }
      };
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      Set<Map.Entry<String, String>> entries = super.entrySet();
      visited.addAndGet(size()); // a scan of the entries visits them all
      return entries;
    }
  }

  static CountingMap stuffed(int n) {
    CountingMap m = new CountingMap();
    for (int i = 0; i < n; i++) {
      m.put("x-junk-" + i, "v");
    }
    return m;
  }

  @Test
  void defaults_onAStuffedMap_visitTheKeysOncePerExtraction() {
    CountingMap m = stuffed(100_000);
    m.put("X-Request-Id", "abc");
    Extracted e = Propagators.defaults().extract(m, Carriers.MAP_GETTER);
    // traceparent, b3, X-B3-TraceId, X-B3-Sampled, X-B3-Flags and x-request-id all miss exactly.
    assertThat(e.requestId()).isEqualTo("abc");
    assertThat(m.visited.get()).isLessThanOrEqualTo(m.size());
  }

  @Test
  void startServerSpan_onAStuffedMap_visitsTheKeysOnce() {
    CountingMap m = stuffed(50_000);
    m.put("X-B3-TRACEID", "463ac35c9f6413ad48485a3953bb6124");
    m.put("x-b3-SpanId", "a2fb4a1d1a96d312");
    m.put("X-B3-SAMPLED", "1");
    var span = Propagation.startServerSpan(m, Carriers.MAP_GETTER);
    assertThat(span.traceIdHex()).isEqualTo("463ac35c9f6413ad48485a3953bb6124");
    assertThat(span.isSampled()).isTrue();
    assertThat(m.visited.get()).isLessThanOrEqualTo(m.size());
  }

  @Test
  void eachExtraction_indexesAfresh_soAChangedMapIsSeen() {
    Map<String, String> m = new HashMap<>();
    m.put("other", "x");
    assertThat(Propagators.defaults().extract(m, Carriers.MAP_GETTER).requestId()).isNull();
    m.put("X-REQUEST-ID", "late");
    assertThat(Propagators.defaults().extract(m, Carriers.MAP_GETTER).requestId())
        .isEqualTo("late");
  }

  @Test
  void directCalls_outsideAnExtraction_stillIgnoreCase() {
    Map<String, String> m = new HashMap<>(Map.of("TraceParent", "v"));
    assertThat(Carriers.MAP_GETTER.get(m, "traceparent")).isEqualTo("v");
    m.put("TraceParent", "w");
    assertThat(Carriers.MAP_GETTER.get(m, "TRACEPARENT")).isEqualTo("w");
    assertThat(Carriers.MAP_GETTER.get(m, "absent")).isNull();
  }

  @Test
  void caseFolding_isAsciiOnly_asHttpHeaderNamesAre() {
    // U+212A KELVIN SIGN equalsIgnoreCase 'k' in Java; it is not the header "k".
    Map<String, String> m = new HashMap<>(Map.of("\u212a", "kelvin", "X-\u0130", "dotted"));
    assertThat(Carriers.MAP_GETTER.get(m, "k")).isNull();
    assertThat(Carriers.MAP_GETTER.get(m, "x-i")).isNull();
    assertThat(Propagation.startServerSpan(m, (c, k) -> Carriers.MAP_GETTER.get(c, k))).isNotNull();
  }

  @Test
  void caseInsensitiveTreeMap_isNeverScanned() {
    TreeMap<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.put("X-Request-Id", "abc");
    assertThat(Carriers.MAP_GETTER.get(m, "x-request-id")).isEqualTo("abc");
    assertThat(Carriers.MAP_GETTER.get(m, "traceparent")).isNull();
  }

  @Test
  void keysAndGetAll_ofTheShippedGetters() {
    Map<String, String> m = Map.of("A", "1", "b", "2");
    assertThat(Carriers.MAP_GETTER.keys(m)).containsExactlyInAnyOrder("A", "b");
    assertThat(Carriers.MAP_GETTER.getAll(m, "a")).containsExactly("1");
    assertThat(Carriers.MAP_GETTER.getAll(m, "c")).isEmpty();
    var headers =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1/"))
            .header("X-Multi", "1")
            .header("x-multi", "2")
            .build()
            .headers();
    assertThat(Carriers.HTTP_HEADERS.get(headers, "X-MULTI")).isEqualTo("1,2");
    assertThat(Carriers.HTTP_HEADERS.getAll(headers, "x-multi")).containsExactly("1", "2");
    assertThat(Carriers.HTTP_HEADERS.keys(headers)).hasSize(1);
    Getter<Map<String, String>> lambda = Map::get;
    assertThat(lambda.keys(m)).isEmpty();
    assertThat(lambda.getAll(m, "b")).containsExactly("2");
  }
}
