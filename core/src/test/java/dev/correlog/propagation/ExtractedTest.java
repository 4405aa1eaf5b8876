package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Correlog;
import dev.correlog.context.TraceContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public result of extraction, as a user-written propagator returns it. */
class ExtractedTest {
  static final String TRACE = "463ac35c9f6413ad48485a3953bb6124";
  static final String SPAN = "a2fb4a1d1a96d312";

  /**
   * A user's own propagator for a made-up {@code my-trace: {trace}:{span}[:{0|1}]} header, which
   * also reads a request id from {@code my-request}: it returns ids with a deferred decision (no
   * third field), as B3 ids without {@code X-B3-Sampled} are.
   */
  static final Propagator MINE =
      new Propagator() {
        @Override
        public List<String> fields() {
          return List.of("my-trace");
        }

        @Override
        public <C> Extracted extract(C carrier, Getter<C> getter) {
          String v = getter.get(carrier, "my-trace");
          if (v == null) {
            return Extracted.empty();
          }
          String[] p = v.split(":");
          TraceContext c =
              TraceContext.of(
                  Long.parseUnsignedLong(p[0].substring(0, 16), 16),
                  Long.parseUnsignedLong(p[0].substring(16), 16),
                  Long.parseUnsignedLong(p[1], 16),
                  0,
                  (byte) 0,
                  null,
                  null);
          SamplingDecision d =
              p.length < 3
                  ? SamplingDecision.DEFERRED
                  : p[2].equals("1") ? SamplingDecision.SAMPLED : SamplingDecision.NOT_SAMPLED;
          return Extracted.of(c).withSampling(d).withRequestId(getter.get(carrier, "my-request"));
        }

        @Override
        public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {}
      };

  @Test
  void userPropagator_requestIdAndDeferredDecision_reachStartServerSpan() {
    Map<String, String> headers = Map.of("my-trace", TRACE + ":" + SPAN, "my-request", "req-42");
    TraceContext span = Propagation.startServerSpan(headers, Carriers.MAP_GETTER, MINE);
    assertThat(span.traceIdHex()).isEqualTo(TRACE);
    assertThat(span.parentSpanIdHex()).isEqualTo(SPAN);
    assertThat(span.requestId()).isEqualTo("req-42");
    assertThat(span.isSamplingDecided()).as("deferred: decided here").isFalse();
    Correlog all = Correlog.builder().service("s").version("1").headRatio(1.0).build();
    Correlog none = Correlog.builder().service("s").version("1").headRatio(0.0).build();
    assertThat(all.decide(span).isSampled()).isTrue();
    assertThat(none.decide(span).isSampled()).isFalse();
  }

  @Test
  void userPropagator_insideAComposite_keepsItsRequestIdAndDecision() {
    Propagator p =
        Propagators.composite(List.of(Propagators.w3c(), MINE), List.of(Propagators.w3c()));
    Map<String, String> headers =
        Map.of("my-trace", TRACE + ":" + SPAN + ":1", "my-request", "req-7");
    Extracted e = p.extract(headers, Carriers.MAP_GETTER);
    assertThat(e.sampling()).isEqualTo(SamplingDecision.SAMPLED);
    assertThat(e.requestId()).isEqualTo("req-7");
    TraceContext span = Propagation.startServerSpan(e);
    assertThat(span.isSampled()).isTrue();
    assertThat(span.requestId()).isEqualTo("req-7");
  }

  @Test
  void userPropagator_loneDecisionWithoutIds_startsARootWithIt() {
    Propagator lone =
        new Propagator() {
          @Override
          public List<String> fields() {
            return List.of();
          }

          @Override
          public <C> Extracted extract(C carrier, Getter<C> getter) {
            return Extracted.empty()
                .withSampling(SamplingDecision.NOT_SAMPLED)
                .withRequestId("r-1");
          }

          @Override
          public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {}
        };
    TraceContext root = Propagation.startServerSpan(Map.of(), Carriers.MAP_GETTER, lone);
    assertThat(root.parentSpanId()).isZero();
    assertThat(root.isSamplingDecided()).isTrue();
    assertThat(root.isSampled()).isFalse();
    assertThat(root.requestId()).isEqualTo("r-1");
  }

  @Test
  void startServerSpan_invalidRequestIdFromAnyPropagator_isDroppedAndCounted() {
    long before = Propagators.rejectedRequestIds();
    TraceContext root = Propagation.startServerSpan(Extracted.empty().withRequestId("bad\r\nid"));
    assertThat(root.hasRequestId()).isFalse();
    assertThat(Propagators.rejectedRequestIds()).isEqualTo(before + 1);
  }

  @Test
  void startServerSpan_nullOrEmpty_isANewUndecidedRoot() {
    assertThat(Propagation.startServerSpan((Extracted) null).isSamplingDecided()).isFalse();
    assertThat(Propagation.startServerSpan(Extracted.empty()).parentSpanId()).isZero();
  }

  @Test
  void startServerSpan_propagatorReturningNull_isANewRoot() {
    Propagator nulls =
        new Propagator() {
          @Override
          public List<String> fields() {
            return List.of();
          }

          @Override
          public <C> Extracted extract(C carrier, Getter<C> getter) {
            return null;
          }

          @Override
          public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {}
        };
    assertThat(Propagation.startServerSpan(Map.of(), Carriers.MAP_GETTER, nulls)).isNotNull();
  }

  @Test
  void of_readsTheContextsDecisionRequestIdAndTracestate() {
    TraceContext c = TraceContext.of(1, 2, 3, 0, TraceContext.FLAG_SAMPLED, "a=1", "rid");
    Extracted e = Extracted.of(c);
    assertThat(e.context()).isEqualTo(c);
    assertThat(e.sampling()).isEqualTo(SamplingDecision.SAMPLED);
    assertThat(e.requestId()).isEqualTo("rid");
    assertThat(e.traceState()).isEqualTo("a=1");
    assertThat(Extracted.of(c.withSampled(false)).sampling())
        .isEqualTo(SamplingDecision.NOT_SAMPLED);
    assertThat(Extracted.of(c.withSamplingDeferred()).sampling())
        .isEqualTo(SamplingDecision.DEFERRED);
    assertThat(Extracted.of(null)).isSameAs(Extracted.empty());
  }

  @Test
  void withCopies_keepTheContextConsistent() {
    TraceContext c = TraceContext.of(1, 2, 3, 0, (byte) 0, null, null);
    Extracted e =
        Extracted.of(c)
            .withSampling(SamplingDecision.SAMPLED)
            .withRequestId("r")
            .withTraceState("k=v");
    assertThat(e.context().isSampled()).isTrue();
    assertThat(e.context().isSamplingDecided()).isTrue();
    assertThat(e.context().requestId()).isEqualTo("r");
    assertThat(e.context().traceState()).isEqualTo("k=v");
    Extracted deferred = e.withSampling(SamplingDecision.DEFERRED);
    assertThat(deferred.context().isSamplingDecided()).isFalse();
    assertThat(deferred.context().isSampled()).isFalse();
    assertThat(e.withSampling(null).sampling()).isEqualTo(SamplingDecision.DEFERRED);
  }

  @Test
  void withContext_keepsWhatTheContextLacks_andFollowsItsDecision() {
    Extracted lone = Extracted.empty().withRequestId("r").withTraceState("k=v");
    TraceContext c = TraceContext.of(1, 2, 3, 0, TraceContext.FLAG_SAMPLED, null, null);
    Extracted e = lone.withContext(c);
    assertThat(e.sampling()).isEqualTo(SamplingDecision.SAMPLED);
    assertThat(e.requestId()).isEqualTo("r");
    assertThat(e.traceState()).isEqualTo("k=v");
    assertThat(e.withContext(null).context()).isNull();
    assertThat(e.withContext(null).requestId()).isEqualTo("r");
  }

  @Test
  void equalsAndHashCode_byValue() {
    TraceContext c = TraceContext.of(1, 2, 3, 0, (byte) 1, null, "r");
    assertThat(Extracted.of(c)).isEqualTo(Extracted.of(c)).hasSameHashCodeAs(Extracted.of(c));
    assertThat(Extracted.of(c)).isNotEqualTo(Extracted.of(c).withRequestId(null));
    assertThat(Extracted.empty().toString()).contains("DEFERRED");
  }
}
