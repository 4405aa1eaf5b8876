package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * B3 extraction with {@code Carriers.MAP_GETTER} on a map holding only propagation headers makes
 * its exact lookups itself, without the scratch array. It must answer exactly as the general way
 * does: the same getter behind another instance (which always takes the general way), on random
 * small maps of every case, value and size around the six names, and on maps that throw.
 */
class B3MapGetterShortcutTest {
  /** {@code MAP_GETTER}'s behaviour, as another instance: never the shortcut. */
  static final Getter<Map<String, String>> GENERAL =
      new Getter<>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
          return Carriers.MAP_GETTER.get(carrier, key);
        }

        @Override
        public void getEach(Map<String, String> carrier, List<String> names, String[] values) {
          Carriers.MAP_GETTER.getEach(carrier, names, values);
        }
      };

  static final String TRACE = "463ac35c9f6413ad48485a3953bb6124";
  static final String SPAN = "a2fb4a1d1a96d312";
  static final List<String> VALUES =
      List.of(
          TRACE,
          SPAN,
          "0000000000000000",
          " " + SPAN + " ",
          "1",
          "0",
          "true",
          "d",
          "x",
          TRACE + "-" + SPAN + "-1",
          TRACE + "-" + SPAN,
          "0");

  @Test
  void randomSmallMaps_answerAsTheGeneralWay() {
    Random random = new Random(3115);
    for (int round = 0; round < 5_000; round++) {
      int size = random.nextInt(9);
      Map<String, String> m = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
      while (m.size() < size) {
        String name =
            random.nextInt(6) == 0
                ? "X-Other-" + random.nextInt(5)
                : random.nextInt(3) == 0
                    ? GetEachTest.randomCase(random, MapGetterEachTest.B3.get(random.nextInt(6)))
                    : MapGetterEachTest.B3.get(random.nextInt(6));
        m.put(name, random.nextInt(8) == 0 ? null : VALUES.get(random.nextInt(VALUES.size())));
      }
      for (Propagator p : List.of(Propagators.b3Multi(), Propagators.b3Single())) {
        assertThat(p.extract(m, Carriers.MAP_GETTER)).as("%s", m).isEqualTo(p.extract(m, GENERAL));
      }
    }
  }

  @Test
  void theExactKeys_anotherCase_andACaseInsensitiveSortedMap() {
    Map<String, String> exact = new HashMap<>(Map.of("X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN));
    Map<String, String> folded = new HashMap<>(Map.of("x-b3-traceid", TRACE, "X-B3-SpanId", SPAN));
    Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sorted.putAll(folded);
    for (Map<String, String> m : List.of(exact, folded, sorted)) {
      Extracted e = Propagators.b3Multi().extract(m, Carriers.MAP_GETTER);
      assertThat(e.context()).as("%s", m).isNotNull();
      assertThat(e.context().traceIdHex()).isEqualTo(TRACE);
      assertThat(e.sampling()).isEqualTo(SamplingDecision.DEFERRED);
    }
  }

  @Test
  void aMapThatThrows_orIsNull_extractionDoesNotThrow() {
    Map<String, String> throwing =
        new AbstractMap<>() {
          @Override
          public String get(Object key) {
            throw new IllegalStateException("hostile get");
          }

          @Override
          public Set<Entry<String, String>> entrySet() {
            return Map.of("X-B3-TraceId", TRACE).entrySet();
          }
        };
    assertThat(Propagators.b3Multi().extract(throwing, Carriers.MAP_GETTER))
        .isEqualTo(Propagators.b3Multi().extract(throwing, GENERAL));
    assertThat(Propagators.b3Multi().extract(null, Carriers.MAP_GETTER))
        .isEqualTo(Extracted.empty());
  }
}
