package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class OtelBridgeTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  private final TraceContext correlog = TraceContext.newRoot("req-42");

  @AfterEach
  void bridgeIsOn() {
    OtelBridge.reenable();
  }

  private static Scope makeCurrent(SpanContext sc) {
    return Span.wrap(sc).makeCurrent();
  }

  private static SpanContext spanContext(TraceFlags flags, TraceState state) {
    return SpanContext.create(TRACE_ID, SPAN_ID, flags, state);
  }

  @Test
  void isAvailableWithTheApiOnTheClassPath() {
    assertThat(OtelBridge.AVAILABLE).isTrue();
  }

  @Test
  void withNoSpanCurrentTheCorrelogContextIsReturnedUnchanged() {
    assertThat(OtelBridge.effective(correlog)).isSameAs(correlog);
    assertThat(OtelBridge.effective(null)).isNull();
  }

  /**
   * The bridge stops asking {@code Span.current()} while no span was ever attached through
   * OpenTelemetry's storage (which it wraps): the first span attached afterwards is still seen.
   */
  @Test
  void aSpanAttachedAfterEventsWithoutOne_isSeen() {
    for (int i = 0; i < 3; i++) {
      assertThat(OtelBridge.effective(correlog)).isSameAs(correlog);
    }
    try (Scope s = makeCurrent(spanContext(TraceFlags.getSampled(), TraceState.getDefault()))) {
      assertThat(OtelBridge.effective(correlog).traceIdHex()).isEqualTo(TRACE_ID);
    }
    assertThat(OtelBridge.effective(correlog)).isSameAs(correlog);
    try (Scope s =
        Context.root()
            .with(Span.wrap(spanContext(TraceFlags.getDefault(), TraceState.getDefault())))
            .makeCurrent()) {
      assertThat(OtelBridge.effective(null).isSampled()).isFalse();
    }
  }

  @Test
  void currentSpanSuppliesTraceIdSpanIdAndSampledFlagAndKeepsTheRequestId() {
    try (Scope s = makeCurrent(spanContext(TraceFlags.getSampled(), TraceState.getDefault()))) {
      TraceContext e = OtelBridge.effective(correlog);
      assertThat(e.traceIdHex()).isEqualTo(TRACE_ID);
      assertThat(e.spanIdHex()).isEqualTo(SPAN_ID);
      assertThat(e.parentSpanId()).isZero();
      assertThat(e.isSampled()).isTrue();
      assertThat(e.requestId()).isEqualTo("req-42");
      assertThat(e.traceState()).isNull();
    }
  }

  @Test
  void unsampledSpanWithNoCorrelogContextGivesAContextWithoutRequestId() {
    try (Scope s = makeCurrent(spanContext(TraceFlags.getDefault(), TraceState.getDefault()))) {
      TraceContext e = OtelBridge.effective(null);
      assertThat(e.traceIdHex()).isEqualTo(TRACE_ID);
      assertThat(e.isSampled()).isFalse();
      assertThat(e.hasRequestId()).isFalse();
    }
  }

  @Test
  void correlogContextNamingTheSameSpanKeepsItsParentSpanId() {
    TraceContext same =
        TraceContext.of(
            Hex.parse(TRACE_ID, 0, 16),
            Hex.parse(TRACE_ID, 16, 16),
            Hex.parse(SPAN_ID, 0, 16),
            0x1122334455667788L,
            (byte) 0,
            null,
            "req-7");
    try (Scope s = makeCurrent(spanContext(TraceFlags.getSampled(), TraceState.getDefault()))) {
      TraceContext e = OtelBridge.effective(same);
      assertThat(e.parentSpanIdHex()).isEqualTo("1122334455667788");
      assertThat(e.isSampled()).isTrue();
      assertThat(e.requestId()).isEqualTo("req-7");
      TraceContext sampled = same.withSampled(true);
      assertThat(OtelBridge.effective(sampled)).isSameAs(sampled);
    }
  }

  @Test
  void traceStateOfTheSpanIsCarriedAsTheW3cPropagatorWritesIt() {
    TraceState state = TraceState.builder().put("vendor", "v1").put("other", "o2").build();
    try (Scope s = makeCurrent(spanContext(TraceFlags.getSampled(), state))) {
      Map<String, String> headers = new HashMap<>();
      W3CTraceContextPropagator.getInstance()
          .inject(Context.current(), headers, (carrier, k, v) -> carrier.put(k, v));
      assertThat(headers.get("tracestate")).contains("vendor=v1");
      assertThat(OtelBridge.effective(correlog).traceState()).isEqualTo(headers.get("tracestate"));
    }
  }

  @Test
  void invalidSpanContextIsIgnored() {
    try (Scope s = makeCurrent(SpanContext.getInvalid())) {
      assertThat(OtelBridge.effective(correlog)).isSameAs(correlog);
    }
    SpanContext allZero =
        SpanContext.create(
            "00000000000000000000000000000000",
            SPAN_ID,
            TraceFlags.getSampled(),
            TraceState.getDefault());
    try (Scope s = makeCurrent(allZero)) {
      assertThat(OtelBridge.effective(correlog)).isSameAs(correlog);
    }
  }

  @Test
  void repeatedEventsInOneSpanReuseOneContext() {
    try (Scope s = makeCurrent(spanContext(TraceFlags.getSampled(), TraceState.getDefault()))) {
      TraceContext first = OtelBridge.effective(correlog);
      assertThat(OtelBridge.effective(correlog)).isSameAs(first);
      TraceContext other = TraceContext.newRoot("req-other");
      TraceContext forOther = OtelBridge.effective(other);
      assertThat(forOther).isNotSameAs(first);
      assertThat(forOther.requestId()).isEqualTo("req-other");
    }
    SpanContext next =
        SpanContext.create(
            TRACE_ID, "1111111111111111", TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope s = makeCurrent(next)) {
      assertThat(OtelBridge.effective(correlog).spanIdHex()).isEqualTo("1111111111111111");
    }
  }

  @Test
  void aFailingSpanContextIsReportedOnceAndTurnsTheBridgeOff() {
    SpanContext broken = new BrokenSpanContext();
    try (StderrCapture err = new StderrCapture();
        Scope s = makeCurrent(broken)) {
      assertThat(OtelBridge.effective(correlog)).isSameAs(correlog);
      assertThat(OtelBridge.effective(correlog)).isSameAs(correlog);
      assertThat(err.linesContaining("correlog: reading the OpenTelemetry span failed"))
          .isEqualTo(1);
    }
    // Off now: even a good span is not read.
    try (Scope s = makeCurrent(spanContext(TraceFlags.getSampled(), TraceState.getDefault()))) {
      assertThat(OtelBridge.effective(correlog)).isSameAs(correlog);
    }
  }

  /** Claims to be valid, then fails when its ids are read. */
  private static final class BrokenSpanContext implements SpanContext {
    @Override
    public boolean isValid() {
      return true;
    }

    @Override
    public String getTraceId() {
      throw new IllegalStateException("broken");
    }

    @Override
    public String getSpanId() {
      throw new IllegalStateException("broken");
    }

    @Override
    public TraceFlags getTraceFlags() {
      return TraceFlags.getSampled();
    }

    @Override
    public TraceState getTraceState() {
      return TraceState.getDefault();
    }

    @Override
    public boolean isRemote() {
      return false;
    }
  }
}
