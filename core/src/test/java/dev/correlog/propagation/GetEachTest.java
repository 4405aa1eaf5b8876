package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Getter#getEach}: several headers looked up at once, as the built-in propagators ask for
 * them; same answers as {@link Getter#get} name by name, for the shipped getters and the default.
 */
class GetEachTest {
  static final List<String> NAMES =
      List.of(
          "traceparent",
          "tracestate",
          "b3",
          "X-B3-TraceId",
          "X-B3-SpanId",
          "X-B3-ParentSpanId",
          "X-B3-Sampled",
          "X-B3-Flags",
          "x-request-id");
  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  static <C> String[] each(Getter<C> getter, C carrier) {
    String[] values = new String[NAMES.size() + 2];
    Arrays.fill(values, "untouched");
    getter.getEach(carrier, NAMES, values);
    return values;
  }

  static <C> String[] oneByOne(Getter<C> getter, C carrier) {
    String[] values = new String[NAMES.size() + 2];
    Arrays.fill(values, "untouched");
    for (int i = 0; i < NAMES.size(); i++) {
      values[i] = getter.get(carrier, NAMES.get(i));
    }
    return values;
  }

  @Test
  void mapGetter_findsEveryCase_andLeavesLaterSlotsAlone() {
    Map<String, String> m = new HashMap<>();
    m.put("TRACEPARENT", TRACEPARENT);
    m.put("x-b3-traceid", "t");
    m.put("X-B3-Sampled", "1");
    m.put("X-Request-Id", "r");
    m.put("other", "o");
    assertThat(each(Carriers.MAP_GETTER, m))
        .containsExactly(
            TRACEPARENT, null, null, "t", null, null, "1", null, "r", "untouched", "untouched");
  }

  @Test
  void mapGetter_exactKeyWins_overAnotherCase() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TraceParent", "other case");
    m.put("traceparent", "exact");
    m.put("B3", "first");
    m.put("b3 ", "not a match");
    String[] v = each(Carriers.MAP_GETTER, m);
    assertThat(v[0]).isEqualTo("exact");
    assertThat(v[2]).isEqualTo("first");
  }

  @Test
  void mapGetter_nullKeysAndValues_areAbsent() {
    Map<String, String> m = new HashMap<>();
    m.put(null, "x");
    m.put("TRACESTATE", null);
    m.put("b3", null);
    m.put("B3", "upper");
    String[] v = each(Carriers.MAP_GETTER, m);
    assertThat(v[1]).isNull();
    assertThat(v[2]).isEqualTo("upper");
  }

  @Test
  void mapGetter_mapOfOnlyTheHeadersFound_isNotScanned() {
    HeaderStuffingTest.CountingMap m = new HeaderStuffingTest.CountingMap();
    m.put("X-B3-TraceId", "t");
    m.put("X-B3-SpanId", "s");
    m.put("X-B3-Sampled", "1");
    assertThat(each(Carriers.MAP_GETTER, m)).containsSubsequence("t", "s", null, "1");
    assertThat(m.visited.get()).isZero();
    m.put("X-B3-FLAGS", "1");
    assertThat(each(Carriers.MAP_GETTER, m)[7]).isEqualTo("1");
    assertThat(m.visited.get()).isEqualTo(m.size());
  }

  @Test
  void mapGetter_stuffedMap_isPassedOnce_forAllNames() {
    HeaderStuffingTest.CountingMap m = HeaderStuffingTest.stuffed(100_000);
    m.put("X-REQUEST-ID", "r");
    String[] v = each(Carriers.MAP_GETTER, m);
    assertThat(v[8]).isEqualTo("r");
    assertThat(m.visited.get()).isLessThanOrEqualTo(m.size());
  }

  @Test
  void mapGetter_caseInsensitiveTreeMap_isNeverScanned() {
    TreeMap<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.put("X-Request-Id", "r");
    m.put("TRACEPARENT", TRACEPARENT);
    assertThat(each(Carriers.MAP_GETTER, m)).isEqualTo(oneByOne(Carriers.MAP_GETTER, m));
  }

  @Test
  void mapGetter_randomMaps_agreeWithGetNameByName() {
    Random random = new Random(15);
    for (int round = 0; round < 2_000; round++) {
      Map<String, String> m = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
      int n = random.nextInt(24);
      for (int k = 0; k < n; k++) {
        String name =
            random.nextInt(3) == 0
                ? "x-junk-" + random.nextInt(40)
                : NAMES.get(random.nextInt(NAMES.size()));
        m.put(randomCase(random, name), random.nextInt(8) == 0 ? null : "v" + k);
      }
      assertThat(each(Carriers.MAP_GETTER, m))
          .as("%s", m)
          .isEqualTo(oneByOne(Carriers.MAP_GETTER, m));
    }
  }

  static String randomCase(Random random, String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      sb.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return sb.toString();
  }

  @Test
  void mapGetter_caseFolding_isAsciiOnly() {
    Map<String, String> m = new HashMap<>(Map.of("X-B3-TRACE\u0130D", "dotted", "\u212a", "k"));
    assertThat(each(Carriers.MAP_GETTER, m)[3]).isNull();
  }

  @Test
  void httpHeaders_agreeWithGetNameByName_repeatsJoined() {
    HttpHeaders h =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1/"))
            .header("TraceParent", TRACEPARENT)
            .header("X-Request-Id", "a")
            .header("x-request-id", "b")
            .header("Other", "o")
            .build()
            .headers();
    String[] v = each(Carriers.HTTP_HEADERS, h);
    assertThat(v).isEqualTo(oneByOne(Carriers.HTTP_HEADERS, h));
    assertThat(v[0]).isEqualTo(TRACEPARENT);
    assertThat(v[8]).isEqualTo("a,b");
  }

  @Test
  void defaultGetEach_asksGetOncePerName() {
    List<String> asked = new ArrayList<>();
    Getter<Map<String, String>> mine =
        (c, k) -> {
          asked.add(k);
          return c.get(k.toLowerCase(Locale.ROOT));
        };
    Map<String, String> m = Map.of("x-b3-traceid", "t");
    assertThat(each(mine, m)[3]).isEqualTo("t");
    assertThat(asked).isEqualTo(NAMES);
  }

  @Test
  void getEachThatThrows_fallsBackToGet_perName() {
    Getter<Map<String, String>> broken =
        new Getter<>() {
          @Override
          public String get(Map<String, String> c, String k) {
            if (k.equals("tracestate")) {
              throw new StackOverflowError("get");
            }
            return Carriers.MAP_GETTER.get(c, k);
          }

          @Override
          public void getEach(Map<String, String> c, List<String> names, String[] values) {
            values[0] = "garbage";
            throw new IllegalStateException("getEach");
          }
        };
    Map<String, String> m =
        Map.of("Traceparent", TRACEPARENT, "tracestate", "a=1", "X-Request-Id", "r");
    Extracted e = Propagators.defaults().extract(m, broken);
    assertThat(e.context().traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(e.traceState()).isNull(); // its get threw: absent
    assertThat(e.requestId()).isEqualTo("r");
    assertThat(Propagators.b3Multi().extract(Map.of("b3", "1"), broken).sampling())
        .isEqualTo(SamplingDecision.SAMPLED);
  }

  @Test
  void scratchArray_isClearedAfterTheExtraction_andNotSharedWithANestedOne() {
    AtomicReference<String[]> kept = new AtomicReference<>();
    AtomicInteger depth = new AtomicInteger();
    Getter<Map<String, String>> nesting =
        new Getter<>() {
          @Override
          public String get(Map<String, String> c, String k) {
            return c.get(k);
          }

          @Override
          public void getEach(Map<String, String> c, List<String> names, String[] values) {
            assertThat(values).containsOnlyNulls(); // handed over clean
            kept.compareAndSet(null, values);
            Getter.super.getEach(c, names, values);
            if (depth.getAndIncrement() == 0) { // an extraction inside the outer one's lookup
              Extracted inner =
                  Propagators.defaults()
                      .extract(
                          Map.of("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"),
                          this);
              assertThat(inner.context().traceIdHex())
                  .isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
            }
          }
        };
    Extracted outer =
        Propagators.defaults()
            .extract(Map.of("traceparent", TRACEPARENT, "x-request-id", "r"), nesting);
    assertThat(outer.context().traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(outer.requestId()).isEqualTo("r");
    assertThat(kept.get()).containsOnlyNulls(); // no header value outlives its extraction
  }

  @Test
  void composite_givesAUserMemberTheCarrier_andBuiltInsTheirValues() {
    List<String> seen = new ArrayList<>();
    Propagator user =
        new Propagator() {
          @Override
          public List<String> fields() {
            return List.of();
          }

          @Override
          public <C> Extracted extract(C carrier, Getter<C> getter) {
            seen.add(getter.get(carrier, "x-mine"));
            return Extracted.empty();
          }

          @Override
          public <C> void inject(
              dev.correlog.context.TraceContext context, C carrier, Setter<C> setter) {}
        };
    Propagator p =
        Propagators.composite(
            List.of(user, Propagators.b3Multi(), Propagators.requestId(), Propagators.b3Single()),
            List.of());
    Map<String, String> m =
        Map.of(
            "X-Mine", "m",
            "X-B3-TRACEID", "80f198ee56343ba864fe8b2a57d3eff7",
            "x-b3-spanid", "e457b5a2e4d86bd1",
            "X-REQUEST-ID", "r");
    Extracted e = p.extract(m, Carriers.MAP_GETTER);
    assertThat(seen).containsExactly("m");
    assertThat(e.context().traceIdHex()).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
    assertThat(e.sampling()).isEqualTo(SamplingDecision.DEFERRED);
    assertThat(e.requestId()).isEqualTo("r");
  }
}
