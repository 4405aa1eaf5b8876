package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import brave.propagation.B3Propagation;
import brave.propagation.TraceContextOrSamplingFlags;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same header vectors through Correlog, OpenTelemetry and Brave, where the behaviour is meant
 * to match: same ids found (or none), same decision. Deliberate differences are vectors of their
 * own below, asserted as they are and listed in the README's propagation section.
 */
class PeerDifferentialTest {
  static final String T = "463ac35c9f6413ad48485a3953bb6124";
  static final String S = "a2fb4a1d1a96d312";
  static final String P = "0020000000000001";

  static final TextMapGetter<Map<String, String>> OTEL_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  static final brave.propagation.TraceContext.Extractor<Map<String, String>> BRAVE =
      B3Propagation.get().extractor(Map::get);

  /** What any of the three found: ids and a decision ("1", "0", or "" for none). */
  record Found(String traceId, String spanId, String sampled) {}

  static Map<String, String> headers(String... kv) {
    Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static Found correlog(Map<String, String> h, Propagator p) {
    return found(p.extract(h, Carriers.MAP_GETTER));
  }

  static Found found(Extracted e) {
    String d =
        e.sampling() == SamplingDecision.SAMPLED
            ? "1"
            : e.sampling() == SamplingDecision.NOT_SAMPLED ? "0" : "";
    return e.context() == null
        ? new Found(null, null, d)
        : new Found(e.context().traceIdHex(), e.context().spanIdHex(), d);
  }

  static Found otel(
      Map<String, String> h, io.opentelemetry.context.propagation.TextMapPropagator p) {
    SpanContext c = Span.fromContext(p.extract(Context.root(), h, OTEL_GETTER)).getSpanContext();
    return c.isValid()
        ? new Found(c.getTraceId(), c.getSpanId(), c.isSampled() ? "1" : "0")
        : new Found(null, null, "");
  }

  static Found brave(Map<String, String> h) {
    TraceContextOrSamplingFlags r = BRAVE.extract(h);
    Boolean sampled = r.sampled();
    String d = sampled == null ? "" : sampled ? "1" : "0";
    brave.propagation.TraceContext c = r.context();
    if (c == null) {
      return new Found(null, null, d);
    }
    String trace = c.traceIdString();
    return new Found("0".repeat(32 - trace.length()) + trace, c.spanIdString(), d);
  }

  /** B3 vectors on which Correlog and Brave agree exactly (ids and decision). */
  static Stream<Arguments> b3Agreed() {
    return Stream.of(
        arguments("single, sampled", headers("b3", T + "-" + S + "-1")),
        arguments("single, not sampled", headers("b3", T + "-" + S + "-0")),
        arguments("single, debug", headers("b3", T + "-" + S + "-d")),
        arguments("single, no decision (deferred)", headers("b3", T + "-" + S)),
        arguments("single, with parent", headers("b3", T + "-" + S + "-1-" + P)),
        arguments("single, zero parent", headers("b3", T + "-" + S + "-1-0000000000000000")),
        arguments("single, parent without decision", headers("b3", T + "-" + S + "-" + P)),
        arguments("single, 64-bit trace id", headers("b3", T.substring(16) + "-" + S + "-1")),
        arguments("single, lone 1", headers("b3", "1")),
        arguments("single, lone 0", headers("b3", "0")),
        arguments("single, lone d", headers("b3", "d")),
        arguments("single, uppercase", headers("b3", T.toUpperCase() + "-" + S + "-1")),
        arguments("single, zero trace id", headers("b3", "0".repeat(32) + "-" + S + "-1")),
        arguments("single, zero span id", headers("b3", T + "-" + "0".repeat(16) + "-1")),
        arguments(
            "multi, sampled", headers("X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Sampled", "1")),
        arguments(
            "multi, not sampled",
            headers("X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Sampled", "0")),
        arguments("multi, no decision (deferred)", headers("X-B3-TraceId", T, "X-B3-SpanId", S)),
        arguments(
            "multi, debug flag", headers("X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Flags", "1")),
        arguments("multi, lone sampled", headers("X-B3-Sampled", "1")),
        arguments("multi, lone not sampled", headers("X-B3-Sampled", "0")),
        arguments("multi, no span id", headers("X-B3-TraceId", T)),
        arguments(
            "multi, zero trace id", headers("X-B3-TraceId", "0".repeat(32), "X-B3-SpanId", S)),
        arguments(
            "garbage b3 falls back to multi ids",
            headers("b3", "garbage", "X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Sampled", "1")),
        arguments(
            "garbage b3 falls back to a lone multi decision",
            headers("b3", "garbage", "X-B3-Sampled", "1")),
        arguments(
            "valid b3 wins over multi",
            headers(
                "b3",
                T + "-" + S + "-0",
                "X-B3-TraceId",
                T,
                "X-B3-SpanId",
                P,
                "X-B3-Sampled",
                "1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("b3Agreed")
  void b3_agreesWithBrave(String name, Map<String, String> h) {
    assertThat(correlog(h, Propagators.b3Multi())).isEqualTo(brave(h));
  }

  /**
   * The same vectors against OpenTelemetry, where it has the same state: it has no "deferred" (an
   * undecided context is "not sampled") and no context-less decision, so only the ids and, when
   * Correlog found one, the decision are compared.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("b3Agreed")
  void b3_agreesWithOpenTelemetry_onIds(String name, Map<String, String> h) {
    Found ours = correlog(h, Propagators.b3Multi());
    Found theirs = otel(h, B3Propagator.injectingMultiHeaders());
    if (name.startsWith("single, lone")
        || name.contains("lone multi")
        || name.startsWith("multi, lone")
        || name.equals("valid b3 wins over multi")) {
      return; // deliberate: see the README (a lone decision; OTel reads multi when b3 is lone)
    }
    assertThat(ours.traceId()).isEqualTo(theirs.traceId());
    assertThat(ours.spanId()).isEqualTo(theirs.spanId());
    if (ours.traceId() != null && !ours.sampled().isEmpty()) {
      assertThat(ours.sampled()).isEqualTo(theirs.sampled());
    }
  }

  /**
   * Deliberate differences from OpenTelemetry's B3: an unknown sampling field ({@code -x}) makes
   * the {@code b3} header invalid here and in Brave (OpenTelemetry reads it as "not sampled"), and
   * a lone {@code b3: 1} is a decision here and in Brave (OpenTelemetry ignores it and reads the
   * {@code X-B3-*} ids).
   */
  @org.junit.jupiter.api.Test
  void b3_deliberateDifferencesFromOpenTelemetry() {
    Map<String, String> bad = headers("b3", T + "-" + S + "-x");
    assertThat(correlog(bad, Propagators.b3Multi())).isEqualTo(brave(bad));
    assertThat(correlog(bad, Propagators.b3Multi()).traceId()).isNull();
    assertThat(otel(bad, B3Propagator.injectingMultiHeaders()).traceId()).isEqualTo(T);
    Map<String, String> lone =
        headers("b3", "1", "X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Sampled", "0");
    assertThat(correlog(lone, Propagators.b3Multi())).isEqualTo(new Found(null, null, "1"));
    assertThat(correlog(lone, Propagators.b3Multi())).isEqualTo(brave(lone));
    assertThat(otel(lone, B3Propagator.injectingMultiHeaders()).traceId()).isEqualTo(T);
  }

  /**
   * Spaces and tabs around {@code X-B3-Sampled} and {@code X-B3-Flags} are not part of them,
   * however many (up to the 512 characters of every {@code X-B3-*} value): the decision reads as
   * Brave reads it without them. Over 16 characters they counted as no decision, until
   * PeerDifferentialB3Test showed it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("paddedDecisions")
  void b3_paddedDecision_readAsBraveReadsItBare(
      String name, Map<String, String> padded, Map<String, String> bare) {
    assertThat(correlog(padded, Propagators.b3Multi())).isEqualTo(brave(bare));
  }

  static Stream<Arguments> paddedDecisions() {
    String pad = " ".repeat(20);
    return Stream.of(
        arguments(
            "X-B3-Sampled: 1 after 20 spaces",
            headers("X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Sampled", pad + "1"),
            headers("X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Sampled", "1")),
        arguments(
            "X-B3-Sampled: true and 14 tabs",
            headers("X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Sampled", "true" + "\t".repeat(14)),
            headers("X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Sampled", "true")),
        arguments(
            "X-B3-Flags: 1 after 20 spaces overrides X-B3-Sampled: 0",
            headers(
                "X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Sampled", "0", "X-B3-Flags", pad + "1"),
            headers("X-B3-TraceId", T, "X-B3-SpanId", S, "X-B3-Sampled", "0", "X-B3-Flags", "1")),
        arguments(
            "lone X-B3-Flags: 1 after 20 spaces",
            headers("X-B3-Flags", pad + "1"),
            headers("X-B3-Flags", "1")));
  }

  static Stream<Arguments> w3cAgreed() {
    String v = "00-" + T + "-" + S + "-01";
    return Stream.of(
        arguments("valid", headers("traceparent", v)),
        arguments("not sampled", headers("traceparent", "00-" + T + "-" + S + "-00")),
        arguments(
            "future version, longer",
            headers("traceparent", "cc-" + T + "-" + S + "-01-what-the-future")),
        arguments(
            "future version over 512",
            headers("traceparent", "cc-" + T + "-" + S + "-01-" + "x".repeat(600))),
        arguments("version 00, too long", headers("traceparent", v + "-extra")),
        arguments("version ff", headers("traceparent", "ff-" + T + "-" + S + "-01")),
        arguments("uppercase", headers("traceparent", "00-" + T.toUpperCase() + "-" + S + "-01")),
        arguments(
            "zero trace id", headers("traceparent", "00-" + "0".repeat(32) + "-" + S + "-01")),
        arguments("zero span id", headers("traceparent", "00-" + T + "-" + "0".repeat(16) + "-01")),
        arguments("short", headers("traceparent", "00-" + T + "-" + S)),
        arguments("other flags", headers("traceparent", "00-" + T + "-" + S + "-09")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("w3cAgreed")
  void w3c_agreesWithOpenTelemetry(String name, Map<String, String> h) {
    assertThat(correlog(h, Propagators.w3c()))
        .isEqualTo(otel(h, W3CTraceContextPropagator.getInstance()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tracestates")
  void tracestate_agreesWithOpenTelemetry(String name, String ts, String expected) {
    Map<String, String> h = headers("traceparent", "00-" + T + "-" + S + "-01", "tracestate", ts);
    String ours = Propagators.w3c().extract(h, Carriers.MAP_GETTER).traceState();
    assertThat(ours).isEqualTo(expected);
    var theirs =
        Span.fromContext(
                W3CTraceContextPropagator.getInstance().extract(Context.root(), h, OTEL_GETTER))
            .getSpanContext()
            .getTraceState();
    if (expected != null && !name.startsWith("deliberate")) {
      assertThat(theirs.size()).isEqualTo(expected.split(",").length);
    }
  }

  static Stream<Arguments> tracestates() {
    return Stream.of(
        arguments(
            "simple",
            "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
            "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
        arguments("multi-tenant", "tenant@vendor=1,b=2", "tenant@vendor=1,b=2"),
        arguments("digit first, tenant", "1tenant@vendor=1", "1tenant@vendor=1"),
        arguments("deliberate: whitespace around members (OWS)", " a=1 , b=2 ", "a=1,b=2"),
        // OpenTelemetry 1.68 keeps a=1,b=2 for OWS around members (1.44 dropped the header) and
        // drops the whole header on a duplicate and on a key starting with a digit.
        arguments("deliberate: digit first", "1foo=1", "1foo=1"),
        arguments("deliberate: duplicate dropped alone", "a=1,b=2,a=3", "a=1,b=2"));
  }
}
