package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The JDK carriers: maps, HttpRequest.Builder and HttpHeaders. */
class CarriersTest {
  static final URI URI_ = URI.create("http://localhost/orders");

  @Test
  void mapGetter_ignoresCase() {
    Map<String, String> m = new HashMap<>(Map.of("TraceParent", "v"));
    assertThat(Carriers.MAP_GETTER.get(m, "traceparent")).isEqualTo("v");
    assertThat(Carriers.MAP_GETTER.get(m, "TRACEPARENT")).isEqualTo("v");
    assertThat(Carriers.MAP_GETTER.get(m, "tracestate")).isNull();
    assertThat(Carriers.MAP_GETTER.get(new HashMap<>(), "b3")).isNull();
  }

  @Test
  void mapGetter_caseInsensitiveTreeMap_isReadDirectly() {
    Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.put("X-B3-TraceId", "t");
    assertThat(Carriers.MAP_GETTER.get(m, "x-b3-traceid")).isEqualTo("t");
    assertThat(Carriers.MAP_GETTER.get(m, "b3")).isNull();
  }

  @Test
  void mapGetter_caseSensitiveTreeMap_isScanned() {
    Map<String, String> m = new TreeMap<>(Map.of("TraceParent", "v"));
    assertThat(Carriers.MAP_GETTER.get(m, "traceparent")).isEqualTo("v");
  }

  @Test
  void mapGetter_exactCaseWins() {
    Map<String, String> m = new HashMap<>(Map.of("B3", "upper", "b3", "lower"));
    assertThat(Carriers.MAP_GETTER.get(m, "b3")).isEqualTo("lower");
  }

  @Test
  void mapSetter_replacesKeysDifferingOnlyInCase() {
    Map<String, String> m = new HashMap<>(Map.of("TraceParent", "old", "other", "x"));
    Carriers.MAP_SETTER.set(m, "traceparent", "new");
    assertThat(m).containsOnly(Map.entry("traceparent", "new"), Map.entry("other", "x"));
    Carriers.MAP_SETTER.set(m, "traceparent", "newer");
    assertThat(m).hasSize(2).containsEntry("traceparent", "newer");
  }

  @Test
  void httpRequestSetter_injectsDefaults() {
    TraceContext ctx = TraceContext.of(1, 2, 3, 0, (byte) 1, "a=1", "r1");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI_);
    Propagators.defaults().inject(ctx, b, Carriers.HTTP_REQUEST);
    HttpHeaders headers = b.build().headers();
    assertThat(headers.firstValue("traceparent"))
        .hasValue("00-00000000000000010000000000000002-0000000000000003-01");
    assertThat(headers.firstValue("tracestate")).hasValue("a=1");
    assertThat(headers.firstValue("b3"))
        .hasValue("00000000000000010000000000000002-0000000000000003-1");
    assertThat(headers.firstValue("x-request-id")).hasValue("r1");
  }

  @Test
  void httpRequestSetter_replacesPreviousValue() {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI_).header("traceparent", "stale");
    Propagators.w3c().inject(TraceContext.newRoot(), b, Carriers.HTTP_REQUEST);
    assertThat(b.build().headers().allValues("traceparent")).hasSize(1).doesNotContain("stale");
  }

  @Test
  void httpRequest_injectThenExtractFromHeaders_roundTrips() {
    TraceContext ctx = TraceContext.newRoot("r-7").withSampled(true).withTraceState("x=y");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI_);
    Propagators.defaults().inject(ctx, b, Carriers.HTTP_REQUEST);
    TraceContext back =
        Propagators.defaults().extract(b.build().headers(), Carriers.HTTP_HEADERS).context();
    assertThat(back).isEqualTo(ctx);
  }

  @Test
  void httpHeadersGetter_joinsRepeatedValuesInOrder() {
    HttpHeaders h =
        HttpHeaders.of(Map.of("TraceState", List.of("a=1", "b=2")), (name, value) -> true);
    assertThat(Carriers.HTTP_HEADERS.get(h, "tracestate")).isEqualTo("a=1,b=2");
    assertThat(Carriers.HTTP_HEADERS.get(h, "traceparent")).isNull();
  }

  @Test
  void withCurrentContext_injectsANewClientSpanPerCall() {
    TraceContext ctx = TraceContext.newRoot("r1");
    HttpRequest first;
    HttpRequest second;
    try (Scope scope = ctx.attach()) {
      first = HttpRequests.withCurrentContext(HttpRequest.newBuilder(URI_)).build();
      second = HttpRequests.withCurrentContext(HttpRequest.newBuilder(URI_)).build();
    }
    String one = first.headers().firstValue("traceparent").orElseThrow();
    String two = second.headers().firstValue("traceparent").orElseThrow();
    assertThat(one).startsWith("00-" + ctx.traceIdHex() + "-").endsWith("-02");
    assertThat(two).startsWith("00-" + ctx.traceIdHex() + "-").endsWith("-02");
    assertThat(one).isNotEqualTo(two).doesNotContain(ctx.spanIdHex());
    assertThat(first.headers().firstValue("x-request-id")).hasValue("r1");
  }

  @Test
  void withCurrentContext_noCurrentContext_addsNothing() {
    assertThat(TraceContext.current()).isNull();
    HttpRequest request = HttpRequests.withCurrentContext(HttpRequest.newBuilder(URI_)).build();
    assertThat(request.headers().map()).isEmpty();
  }

  @Test
  void withCurrentContext_givenPropagator_isUsed() {
    HttpRequest request;
    try (Scope scope = TraceContext.newRoot().attach()) {
      request =
          HttpRequests.withCurrentContext(HttpRequest.newBuilder(URI_), Propagators.b3Multi())
              .build();
    }
    // The root was never decided: no X-B3-Sampled is invented.
    assertThat(request.headers().map().keySet())
        .containsExactlyInAnyOrder("X-B3-TraceId", "X-B3-SpanId");
  }
}
