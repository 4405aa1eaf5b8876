package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sending side: a client span per outgoing call, through the composite. */
class ClientSpanTest {
  static final URI URI_ = URI.create("http://127.0.0.1:9/x");

  @Test
  void twoCallsFromOneRequest_carryDifferentSpanIds_whoseParentIsTheRequestsSpan() {
    Map<String, String> incoming =
        Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    TraceContext request = Propagation.startServerSpan(incoming, Carriers.MAP_GETTER);
    HttpRequest first;
    HttpRequest second;
    try (Scope scope = request.attach()) {
      first = HttpRequests.withCurrentContext(HttpRequest.newBuilder(URI_)).build();
      second = HttpRequests.withCurrentContext(HttpRequest.newBuilder(URI_)).build();
    }
    TraceContext a = Propagation.startServerSpan(first.headers(), Carriers.HTTP_HEADERS);
    TraceContext b = Propagation.startServerSpan(second.headers(), Carriers.HTTP_HEADERS);
    assertThat(a.traceIdHex()).isEqualTo(request.traceIdHex()).isEqualTo(b.traceIdHex());
    // The callee's parent is the client span of that call, itself a child of the request's span.
    Extracted ea = Propagators.defaults().extract(first.headers(), Carriers.HTTP_HEADERS);
    Extracted eb = Propagators.defaults().extract(second.headers(), Carriers.HTTP_HEADERS);
    assertThat(ea.context().spanId()).isNotEqualTo(eb.context().spanId());
    assertThat(ea.context().spanId()).isNotEqualTo(request.spanId());
    assertThat(a.parentSpanId()).isEqualTo(ea.context().spanId());
    assertThat(b.parentSpanId()).isEqualTo(eb.context().spanId());
    assertThat(ea.sampling()).isEqualTo(SamplingDecision.SAMPLED);
  }

  @Test
  void clientSpan_isAChildOfTheCurrentSpan() {
    TraceContext request = TraceContext.newRoot().withSampled(true);
    Map<String, String> out = new HashMap<>();
    TraceContext client;
    try (Scope scope = request.attach()) {
      client = Propagation.startClientSpan(out, Carriers.MAP_SETTER);
    }
    assertThat(client.parentSpanId()).isEqualTo(request.spanId());
    assertThat(client.traceIdHex()).isEqualTo(request.traceIdHex());
    assertThat(out.get("traceparent")).contains(client.spanIdHex());
    assertThat(out.get("b3")).isEqualTo(client.traceIdHex() + "-" + client.spanIdHex() + "-1");
  }

  @Test
  void undecidedCurrentContext_injectsNoInventedDecision_andTheReceiverDefers() {
    TraceContext request = TraceContext.newRoot("req-1"); // never decided
    Map<String, String> out = new HashMap<>();
    try (Scope scope = request.attach()) {
      Propagation.startClientSpan(out, Carriers.MAP_SETTER);
    }
    assertThat(out.get("b3")).hasSize(49).doesNotEndWith("-0").doesNotEndWith("-1");
    assertThat(out.get("x-request-id")).isEqualTo("req-1");
    // W3C cannot say "no decision" (its flag is clear); b3 beside it says it, and wins.
    Extracted e = Propagators.defaults().extract(out, Carriers.MAP_GETTER);
    assertThat(e.sampling()).isEqualTo(SamplingDecision.DEFERRED);
    TraceContext server = Propagation.startServerSpan(e);
    assertThat(server.isSamplingDecided()).isFalse();
    assertThat(server.requestId()).isEqualTo("req-1");
    Map<String, String> multi = new HashMap<>();
    try (Scope scope = request.attach()) {
      Propagation.startClientSpan(multi, Carriers.MAP_SETTER, Propagators.b3Multi());
    }
    assertThat(multi).containsOnlyKeys("X-B3-TraceId", "X-B3-SpanId");
  }

  @Test
  void w3cNotSampled_withADecidedB3_staysNotSampled() {
    TraceContext request = TraceContext.newRoot().withSampled(false);
    Map<String, String> out = new HashMap<>();
    try (Scope scope = request.attach()) {
      Propagation.startClientSpan(out, Carriers.MAP_SETTER);
    }
    assertThat(out.get("b3")).endsWith("-0");
    assertThat(Propagators.defaults().extract(out, Carriers.MAP_GETTER).sampling())
        .isEqualTo(SamplingDecision.NOT_SAMPLED);
  }

  @Test
  void noCurrentContext_startsANewRoot() {
    assertThat(TraceContext.current()).isNull();
    Map<String, String> out = new HashMap<>();
    TraceContext client = Propagation.startClientSpan(out, Carriers.MAP_SETTER);
    assertThat(client.parentSpanId()).isZero();
    assertThat(out).containsKeys("traceparent", "b3");
  }
}
