package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.TraceContext;
import org.junit.jupiter.api.Test;

/** Propagation.startServerSpan: the receiving edge of a hop. */
class PropagationTest {
  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void startServerSpan_callerContext_startsChildOfCallersSpan() {
    TestHeaders h =
        TestHeaders.of("traceparent", TRACEPARENT, "tracestate", "a=1", "x-request-id", "r1");
    TraceContext span = Propagation.startServerSpan(h, TestHeaders.GETTER);
    assertThat(span.traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(span.parentSpanIdHex()).isEqualTo("00f067aa0ba902b7");
    assertThat(span.spanIdHex()).isNotEqualTo("00f067aa0ba902b7");
    assertThat(span.spanId()).isNotZero();
    assertThat(span.isSampled()).isTrue();
    assertThat(span.traceState()).isEqualTo("a=1");
    assertThat(span.requestId()).isEqualTo("r1");
  }

  @Test
  void startServerSpan_eachCall_getsANewSpanId() {
    TestHeaders h = TestHeaders.of("traceparent", TRACEPARENT);
    TraceContext a = Propagation.startServerSpan(h, TestHeaders.GETTER);
    TraceContext b = Propagation.startServerSpan(h, TestHeaders.GETTER);
    assertThat(a.spanId()).isNotEqualTo(b.spanId());
    assertThat(a.parentSpanId()).isEqualTo(b.parentSpanId());
  }

  @Test
  void startServerSpan_noContext_startsRootWithRequestId() {
    TestHeaders h = TestHeaders.of("x-request-id", "r1");
    TraceContext root = Propagation.startServerSpan(h, TestHeaders.GETTER);
    assertThat(root.parentSpanId()).isZero();
    assertThat(root.requestId()).isEqualTo("r1");
    assertThat(root.isRandomTraceId()).isTrue();
    assertThat(root.isSampled()).isFalse();
  }

  @Test
  void startServerSpan_invalidRequestId_startsRootWithoutAndCountsIt() {
    long before = Propagators.rejectedRequestIds();
    TraceContext root =
        Propagation.startServerSpan(TestHeaders.of("x-request-id", "a b"), TestHeaders.GETTER);
    assertThat(root.hasRequestId()).isFalse();
    assertThat(root.requestId()).isEqualTo(root.traceIdHex());
    assertThat(Propagators.rejectedRequestIds()).isEqualTo(before + 1);
  }

  @Test
  void startServerSpan_invalidTraceparent_startsNewTrace() {
    TestHeaders h =
        TestHeaders.of("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");
    TraceContext root = Propagation.startServerSpan(h, TestHeaders.GETTER);
    assertThat(root.traceIdHex()).isNotEqualTo("00000000000000000000000000000000");
    assertThat(root.parentSpanId()).isZero();
  }

  @Test
  void startServerSpan_propagatorWithoutRequestId_ignoresIt() {
    TraceContext root =
        Propagation.startServerSpan(
            TestHeaders.of("x-request-id", "r1"), TestHeaders.GETTER, Propagators.w3c());
    assertThat(root.hasRequestId()).isFalse();
  }

  @Test
  void startServerSpan_nullCarrier_startsRoot() {
    TraceContext root = Propagation.startServerSpan(null, Carriers.MAP_GETTER);
    assertThat(root).isNotNull();
    assertThat(root.parentSpanId()).isZero();
  }
}
