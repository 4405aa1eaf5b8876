package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Propagation;
import dev.correlog.propagation.Propagators;
import dev.correlog.sampling.ErrorBoost;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which lines carry {@code sample_rate}, by where the head decision of their trace was made: in
 * this process with probability p &lt; 1 (a new root or a deferred B3 trace, per event or by {@code
 * decide}), 1/p; by a caller (an extracted sampled flag), none; kept by level, none.
 */
class SampleRateOriginTest {
  private final CollectingSink sink = new CollectingSink();

  private static Map<String, String> b3Deferred(TraceContext t) {
    Map<String, String> m = new HashMap<>();
    m.put("X-B3-TraceId", t.traceIdHex());
    m.put("X-B3-SpanId", t.spanIdHex());
    return m;
  }

  private static Map<String, String> w3c(TraceContext t, boolean sampled) {
    return Map.of(
        "traceparent", "00-" + t.traceIdHex() + "-" + t.spanIdHex() + (sampled ? "-01" : "-00"));
  }

  private JsonNode only(Correlog c) {
    JsonNode n = Lines.single(c, sink);
    sink.clear();
    return n;
  }

  @Test
  void aNewRootDecidedHere_carriesOneOverP_onEveryLine_andInItsChildren() {
    Correlog c = Lines.builder(sink).headRatio(0.25).build();
    TraceContext decided = c.decide(TraceSampledFieldTest.undecided(0.25, true));
    assertThat(decided.isSamplingDecided()).isTrue();
    assertThat(decided.isSampled()).isTrue();
    assertThat(decided.sampleRate()).isEqualTo(4.0);
    assertThat(c.decide(decided)).isSameAs(decided);
    try (Scope s = decided.attach()) {
      c.logger("t").info("decided").emit();
      assertThat(only(c).get("sample_rate").doubleValue()).isEqualTo(4.0);
      TraceContext client = Propagation.startClientSpan(new HashMap<>(), Carriers.MAP_SETTER);
      try (Scope cs = client.attach()) {
        c.logger("t").info("client.call").emit();
        assertThat(only(c).get("sample_rate").doubleValue()).isEqualTo(4.0);
      }
      c.logger("t").warn("warn").emit(); // kept by level: for certain, no rate
      assertThat(only(c).has("sample_rate")).isFalse();
    }
    // Undecided, the same trace is decided per event with the same answer and the same rate.
    try (Scope s = TraceSampledFieldTest.undecided(0.25, true).attach()) {
      c.logger("t").info("per.event").emit();
      assertThat(only(c).get("sample_rate").doubleValue()).isEqualTo(4.0);
    }
    // A ratio of 1 keeps for certain: no rate.
    Correlog all = Lines.builder(sink).headRatio(1.0).build();
    try (Scope s = all.decide(TraceContext.newRoot()).attach()) {
      all.logger("t").info("all").emit();
      assertThat(only(all).has("sample_rate")).isFalse();
    }
  }

  @Test
  void anExtractedSampledFlag_carriesNoRate_evenWhereTheCallerDecidedLocally() {
    Correlog gateway = Lines.builder(sink).headRatio(0.25).build();
    CollectingSink downstreamSink = new CollectingSink();
    Correlog downstream = Lines.builder(downstreamSink).headRatio(0.25).build();
    TraceContext edge = gateway.decide(TraceSampledFieldTest.undecided(0.25, true));
    Map<String, String> headers = new HashMap<>();
    try (Scope s = edge.attach()) {
      Propagation.startClientSpan(headers, Carriers.MAP_SETTER);
    }
    TraceContext received =
        downstream.decide(Propagation.startServerSpan(headers, Carriers.MAP_GETTER));
    assertThat(received.isSampled()).isTrue();
    assertThat(received.sampleRate()).isZero(); // the caller's p does not travel
    try (Scope s = received.attach()) {
      downstream.logger("t").info("downstream").emit();
    }
    assertThat(Lines.single(downstream, downstreamSink).has("sample_rate")).isFalse();

    TraceContext w3cSampled =
        Propagation.startServerSpan(w3c(TraceContext.newRoot(), true), Carriers.MAP_GETTER);
    try (Scope s = gateway.decide(w3cSampled).attach()) {
      gateway.logger("t").info("w3c.sampled").emit();
    }
    JsonNode line = only(gateway);
    assertThat(line.has("sample_rate")).isFalse();
    assertThat(line.has("trace_sampled")).isFalse();
  }

  @Test
  void aDeferredB3Trace_decidedHere_carriesOneOverP() {
    Correlog c = Lines.builder(sink).headRatio(0.25).build();
    TraceContext ids = TraceSampledFieldTest.undecided(0.25, true);
    TraceContext deferred =
        Propagation.startServerSpan(b3Deferred(ids), Carriers.MAP_GETTER, Propagators.b3Multi());
    assertThat(deferred.isSamplingDecided()).isFalse();
    assertThat(deferred.traceIdLow()).isEqualTo(ids.traceIdLow());
    try (Scope s = deferred.attach()) { // per event
      c.logger("t").info("deferred.per.event").emit();
    }
    assertThat(only(c).get("sample_rate").doubleValue()).isEqualTo(4.0);
    try (Scope s = c.decide(deferred).attach()) { // decided once, here
      c.logger("t").info("deferred.decided").emit();
    }
    assertThat(only(c).get("sample_rate").doubleValue()).isEqualTo(4.0);

    TraceContext out =
        Propagation.startServerSpan(
            b3Deferred(TraceSampledFieldTest.undecided(0.25, false)),
            Carriers.MAP_GETTER,
            Propagators.b3Multi());
    try (Scope s = c.decide(out).attach()) {
      c.logger("t").info("dropped").emit();
      c.logger("t").warn("deferred.out.warn").emit();
    }
    JsonNode warn = only(c);
    assertThat(warn.get("event").asText()).isEqualTo("deferred.out.warn");
    assertThat(warn.has("sample_rate")).isFalse();
    assertThat(warn.get("trace_sampled").booleanValue()).isFalse();
  }

  @Test
  void levelBasedKeeping_carriesNoRate() {
    Correlog c = Lines.builder(sink).headRatio(0.25).level("com.acme.db", Level.WARN).build();
    try (Scope s = TraceSampledFieldTest.undecided(0.25, true).attach()) {
      c.logger("com.acme.db.Pool").info("below.level").emit(); // disabled, not sampled
      c.logger("com.acme.db.Pool").warn("db.warn").emit();
      c.logger("t").error("app.error").emit();
    }
    List<JsonNode> lines = Lines.parse(c, sink);
    assertThat(lines)
        .extracting(n -> n.get("event").asText())
        .containsExactly("db.warn", "app.error");
    assertThat(lines).noneMatch(n -> n.has("sample_rate") || n.has("trace_sampled"));
  }

  @Test
  void aDecisionDuringABoost_carriesTheBoostedRate() {
    Correlog c =
        Lines.builder(sink)
            .headRatio(0.0)
            .errorBoost(new ErrorBoost(0.2, Duration.ofSeconds(10), 10, 0.5, Duration.ofMinutes(1)))
            .build();
    for (int i = 0; i < 10; i++) {
      c.logger("t").error("failure").emit();
    }
    c.logger("t").info("after.spike").emit(); // the spike is seen by the next event at the latest
    sink.clear();
    TraceContext t = c.decide(TraceSampledFieldTest.undecided(0.5, true));
    assertThat(t.sampleRate()).isEqualTo(2.0);
    try (Scope s = t.attach()) {
      c.logger("t").info("boosted").emit();
    }
    JsonNode line = only(c);
    assertThat(line.get("sample_rate").doubleValue()).isEqualTo(2.0);
    assertThat(line.has("trace_sampled")).isFalse();
  }

  @Test
  void withSampled_andAProbability_isCheckedAndKeptByCopies() {
    TraceContext root = TraceContext.newRoot();
    TraceContext t = root.withSampled(true, 0.1);
    assertThat(t.sampleRate()).isCloseTo(10.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(t.newChild().sampleRate()).isEqualTo(t.sampleRate());
    assertThat(t.withRequestId("r-1").sampleRate()).isEqualTo(t.sampleRate());
    assertThat(t.withSampled(true).sampleRate()).isZero(); // a decision of unknown probability
    assertThat(t.withSamplingDeferred().sampleRate()).isZero();
    assertThat(root.withSampled(false, 0.1).sampleRate()).isZero(); // keeps nothing by head
    assertThat(root.withSampled(true, 1.0).sampleRate()).isZero();
    assertThat(t).isNotEqualTo(root.withSampled(true));
    assertThat(t.toString()).contains("sample_rate=10.0");
    assertThatThrownBy(() -> root.withSampled(true, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> root.withSampled(true, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
