package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.context.TraceContext;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Propagators.composite, defaults and noop. */
class CompositeTest {
  static final String W3C_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACEPARENT = "00-" + W3C_TRACE + "-00f067aa0ba902b7-01";
  static final String B3_TRACE = "80f198ee56343ba864fe8b2a57d3eff7";
  static final String B3 = B3_TRACE + "-e457b5a2e4d86bd1-1";

  @Test
  void defaults_w3cWinsOverB3() {
    TestHeaders h = TestHeaders.of("b3", B3, "traceparent", TRACEPARENT);
    assertThat(Propagators.defaults().extract(h, TestHeaders.GETTER).context().traceIdHex())
        .isEqualTo(W3C_TRACE);
  }

  @Test
  void defaults_invalidW3c_fallsBackToB3Single() {
    TestHeaders h = TestHeaders.of("b3", B3, "traceparent", "00-garbage", "tracestate", "a=1");
    TraceContext ctx = Propagators.defaults().extract(h, TestHeaders.GETTER).context();
    assertThat(ctx.traceIdHex()).isEqualTo(B3_TRACE);
    assertThat(ctx.traceState()).isNull();
  }

  @Test
  void defaults_fallsBackToB3Multi() {
    TestHeaders h =
        TestHeaders.of(
            "X-B3-TraceId", B3_TRACE, "X-B3-SpanId", "e457b5a2e4d86bd1", "x-request-id", "r1");
    TraceContext ctx = Propagators.defaults().extract(h, TestHeaders.GETTER).context();
    assertThat(ctx.traceIdHex()).isEqualTo(B3_TRACE);
    assertThat(ctx.requestId()).isEqualTo("r1");
  }

  @Test
  void defaults_nothingValid_yieldsNoContext() {
    TestHeaders h = TestHeaders.of("x-request-id", "r1", "tracestate", "a=1");
    assertThat(Propagators.defaults().extract(h, TestHeaders.GETTER).context()).isNull();
  }

  @Test
  void defaults_injectsW3cB3SingleAndRequestId() {
    TraceContext ctx = TraceContext.of(1, 2, 3, 4, (byte) 3, "a=1", "r1");
    TestHeaders out = new TestHeaders();
    Propagators.defaults().inject(ctx, out, TestHeaders.SETTER);
    assertThat(out.get("traceparent"))
        .isEqualTo("00-00000000000000010000000000000002-0000000000000003-03");
    assertThat(out.get("tracestate")).isEqualTo("a=1");
    assertThat(out.get("b3")).isEqualTo("00000000000000010000000000000002-0000000000000003-1");
    assertThat(out.get("x-request-id")).isEqualTo("r1");
    assertThat(out.size()).isEqualTo(4);
  }

  @Test
  void defaults_fields() {
    assertThat(Propagators.defaults().fields())
        .containsExactly("traceparent", "tracestate", "b3", "x-request-id");
  }

  @Test
  void composite_extractOrderIsHonoured() {
    Propagator b3First =
        Propagators.composite(
            List.of(Propagators.b3Single(), Propagators.w3c()), List.of(Propagators.w3c()));
    TestHeaders h = TestHeaders.of("b3", B3, "traceparent", TRACEPARENT);
    assertThat(b3First.extract(h, TestHeaders.GETTER).context().traceIdHex()).isEqualTo(B3_TRACE);
  }

  @Test
  void composite_injectsOnlyTheInjectSet() {
    Propagator p =
        Propagators.composite(
            List.of(Propagators.w3c(), Propagators.b3Single()), List.of(Propagators.b3Multi()));
    TestHeaders out = new TestHeaders();
    p.inject(TraceContext.newRoot("r1"), out, TestHeaders.SETTER);
    assertThat(out.get("traceparent")).isNull();
    assertThat(out.get("x-request-id")).isNull();
    assertThat(out.get("X-B3-TraceId")).isNotNull();
    assertThat(p.fields()).containsExactly("X-B3-TraceId", "X-B3-SpanId", "X-B3-Sampled");
  }

  @Test
  void composite_withoutRequestId_doesNotReadIt() {
    Propagator p = Propagators.composite(List.of(Propagators.w3c()), List.of(Propagators.w3c()));
    TestHeaders h = TestHeaders.of("traceparent", TRACEPARENT, "x-request-id", "r1");
    assertThat(p.extract(h, TestHeaders.GETTER).context().hasRequestId()).isFalse();
  }

  @Test
  void composite_nested_readsRequestIdOnce() {
    Propagator nested =
        Propagators.composite(
            List.of(Propagators.defaults(), Propagators.requestId()),
            List.of(Propagators.defaults()));
    TestHeaders h = TestHeaders.of("traceparent", TRACEPARENT, "x-request-id", "bad value");
    long before = Propagators.rejectedRequestIds();
    assertThat(nested.extract(h, TestHeaders.GETTER).context().hasRequestId()).isFalse();
    assertThat(Propagators.rejectedRequestIds()).isEqualTo(before + 1);
    assertThat(nested.fields()).isEqualTo(Propagators.defaults().fields());
  }

  @Test
  void composite_memberThatThrows_isSkipped() {
    Propagator broken =
        new Propagator() {
          @Override
          public List<String> fields() {
            return List.of("broken");
          }

          @Override
          public <C> Extracted extract(C carrier, Getter<C> getter) {
            throw new IllegalStateException("extract");
          }

          @Override
          public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
            throw new IllegalStateException("inject");
          }
        };
    Propagator p =
        Propagators.composite(
            List.of(broken, Propagators.w3c()), List.of(broken, Propagators.w3c()));
    TestHeaders h = TestHeaders.of("traceparent", TRACEPARENT);
    assertThat(p.extract(h, TestHeaders.GETTER).context().traceIdHex()).isEqualTo(W3C_TRACE);
    TestHeaders out = new TestHeaders();
    p.inject(TraceContext.newRoot(), out, TestHeaders.SETTER);
    assertThat(out.get("traceparent")).isNotNull();
  }

  @Test
  void composite_nullMember_failsFast() {
    assertThatThrownBy(
            () -> Propagators.composite(Arrays.asList(Propagators.w3c(), null), List.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Propagators.composite(null, List.of()))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void noop_readsAndWritesNothing() {
    TestHeaders h = TestHeaders.of("traceparent", TRACEPARENT);
    assertThat(Propagators.noop().extract(h, TestHeaders.GETTER).context()).isNull();
    TestHeaders out = new TestHeaders();
    Propagators.noop().inject(TraceContext.newRoot("r"), out, TestHeaders.SETTER);
    assertThat(out.size()).isZero();
    assertThat(Propagators.noop().fields()).isEmpty();
  }
}
