package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.correlog.context.TraceContext;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The single b3 header, with the examples of openzipkin/b3-propagation. */
class B3SingleTest {
  static final String TRACE = "80f198ee56343ba864fe8b2a57d3eff7";
  static final String SPAN = "e457b5a2e4d86bd1";
  static final String PARENT = "05e3ac9a4f6e3b90";

  private static TraceContext extract(String b3) {
    return Propagators.b3Single().extract(TestHeaders.of("b3", b3), TestHeaders.GETTER).context();
  }

  static Stream<Arguments> validHeaders() {
    return Stream.of(
        arguments("spec example", TRACE + "-" + SPAN + "-1-" + PARENT, TRACE, SPAN, true, PARENT),
        arguments("not sampled", TRACE + "-" + SPAN + "-0-" + PARENT, TRACE, SPAN, false, PARENT),
        arguments("debug is sampled", TRACE + "-" + SPAN + "-d", TRACE, SPAN, true, null),
        arguments("sampled, no parent", TRACE + "-" + SPAN + "-1", TRACE, SPAN, true, null),
        arguments("deferred decision", TRACE + "-" + SPAN, TRACE, SPAN, false, null),
        arguments(
            "64-bit trace id",
            "a3ce929d0e0e4736-00f067aa0ba902b7-1",
            "0000000000000000a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            true,
            null),
        arguments(
            "64-bit trace id with parent",
            "a3ce929d0e0e4736-00f067aa0ba902b7-0-" + PARENT,
            "0000000000000000a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            false,
            PARENT),
        arguments(
            "surrounding spaces and tabs",
            " \t" + TRACE + "-" + SPAN + "-1\t ",
            TRACE,
            SPAN,
            true,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validHeaders")
  void b3_valid_isExtracted(
      String rule, String value, String traceId, String spanId, boolean sampled, String parent) {
    TraceContext ctx = extract(value);
    assertThat(ctx).isNotNull();
    assertThat(ctx.traceIdHex()).isEqualTo(traceId);
    assertThat(ctx.spanIdHex()).isEqualTo(spanId);
    assertThat(ctx.isSampled()).isEqualTo(sampled);
    assertThat(ctx.parentSpanIdHex()).isEqualTo(parent);
    assertThat(ctx.isRandomTraceId()).isFalse();
    assertThat(ctx.traceState()).isNull();
  }

  static Stream<Arguments> invalidHeaders() {
    return Stream.of(
        arguments("uppercase trace id", TRACE.toUpperCase() + "-" + SPAN + "-1"),
        arguments("uppercase span id", TRACE + "-" + SPAN.toUpperCase() + "-1"),
        arguments("trace id of 15", TRACE.substring(0, 15) + "-" + SPAN),
        arguments("trace id of 17", TRACE.substring(0, 17) + "-" + SPAN),
        arguments("trace id of 31", TRACE.substring(1) + "-" + SPAN),
        arguments("trace id of 33", TRACE + "a-" + SPAN),
        arguments("span id of 15", TRACE + "-" + SPAN.substring(1)),
        arguments("span id of 17", TRACE + "-" + SPAN + "a"),
        arguments("sampling state x", TRACE + "-" + SPAN + "-x"),
        arguments("sampling state 2", TRACE + "-" + SPAN + "-2"),
        arguments("sampling state true", TRACE + "-" + SPAN + "-true"),
        arguments("trailing dash", TRACE + "-" + SPAN + "-"),
        arguments("trailing dash after sampling", TRACE + "-" + SPAN + "-1-"),
        arguments("parent of 15", TRACE + "-" + SPAN + "-1-" + PARENT.substring(1)),
        arguments("parent of 17", TRACE + "-" + SPAN + "-1-" + PARENT + "0"),
        arguments("all-zero trace id", "00000000000000000000000000000000-" + SPAN + "-1"),
        arguments("all-zero 64-bit trace id", "0000000000000000-" + SPAN + "-1"),
        arguments("all-zero span id", TRACE + "-0000000000000000-1"),
        arguments("non-Latin-1 character", TRACE.substring(1) + "\u0161-" + SPAN),
        arguments("illegal character", TRACE.substring(1) + "g-" + SPAN),
        arguments("wrong delimiter", TRACE + "_" + SPAN + "_1"),
        arguments("duplicated (joined) headers", TRACE + "-" + SPAN + "," + TRACE + "-" + SPAN),
        arguments("empty", ""),
        arguments("over 512 characters", TRACE + "-" + SPAN + "-1-" + PARENT + " ".repeat(512)),
        arguments("lone sampling x", "x"),
        arguments("lone sampling 00", "00"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidHeaders")
  void b3_invalid_yieldsNoContext(String rule, String value) {
    assertThat(extract(value)).isNull();
  }

  @Test
  void b3_parentWithoutSampling_keepsTheContextDeferred() {
    Extracted e =
        Propagators.b3Single()
            .extract(TestHeaders.of("b3", TRACE + "-" + SPAN + "-" + PARENT), TestHeaders.GETTER);
    assertThat(e.context().traceIdHex()).isEqualTo(TRACE);
    assertThat(e.context().spanIdHex()).isEqualTo(SPAN);
    assertThat(e.context().parentSpanIdHex()).isEqualTo(PARENT);
    assertThat(e.sampling()).isEqualTo(SamplingDecision.DEFERRED);
  }

  @Test
  void b3_allZeroParent_isNoParent_andKeepsTheContext() {
    Extracted e =
        Propagators.b3Single()
            .extract(
                TestHeaders.of("b3", TRACE + "-" + SPAN + "-1-0000000000000000"),
                TestHeaders.GETTER);
    assertThat(e.context().spanIdHex()).isEqualTo(SPAN);
    assertThat(e.context().parentSpanId()).isZero();
    assertThat(e.sampling()).isEqualTo(SamplingDecision.SAMPLED);
  }

  @Test
  void b3_idsWithoutSampling_areDeferred_andReachTheHeadDecision() {
    TestHeaders h = TestHeaders.of("b3", TRACE + "-" + SPAN);
    Extracted e = Propagators.b3Single().extract(h, TestHeaders.GETTER);
    assertThat(e.sampling()).isEqualTo(SamplingDecision.DEFERRED);
    assertThat(e.context().isSamplingDecided()).isFalse();
    TraceContext span = Propagation.startServerSpan(h, TestHeaders.GETTER);
    assertThat(span.isSamplingDecided()).as("the head decision is still to be made").isFalse();
    assertThat(span.parentSpanIdHex()).isEqualTo(SPAN);
  }

  @Test
  void b3_undecidedContext_isInjectedWithoutADecision() {
    TestHeaders h = TestHeaders.of("b3", TRACE + "-" + SPAN);
    TraceContext span = Propagation.startServerSpan(h, TestHeaders.GETTER);
    TestHeaders out = new TestHeaders();
    Propagators.b3Single().inject(span, out, TestHeaders.SETTER);
    assertThat(out.get("b3")).isEqualTo(TRACE + "-" + span.spanIdHex());
    TestHeaders multi = new TestHeaders();
    Propagators.b3Multi().inject(span, multi, TestHeaders.SETTER);
    assertThat(multi.get("X-B3-Sampled")).isNull();
    assertThat(multi.size()).isEqualTo(2);
  }

  @Test
  void b3_garbage_fallsBackToTheMultiHeaders_includingALoneDecision() {
    TestHeaders lone = TestHeaders.of("b3", "garbage", "X-B3-Sampled", "1");
    assertThat(Propagators.b3Single().extract(lone, TestHeaders.GETTER).sampling())
        .isEqualTo(SamplingDecision.SAMPLED);
    assertThat(Propagation.startServerSpan(lone, TestHeaders.GETTER).isSampled()).isTrue();
    TestHeaders ids =
        TestHeaders.of(
            "b3", "garbage", "X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN, "X-B3-Sampled", "0");
    Extracted e = Propagators.b3Single().extract(ids, TestHeaders.GETTER);
    assertThat(e.context().traceIdHex()).isEqualTo(TRACE);
    assertThat(e.sampling()).isEqualTo(SamplingDecision.NOT_SAMPLED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "d", " 0 "})
  void b3_loneSamplingDecision_yieldsNoContext(String value) {
    assertThat(extract(value)).isNull();
  }

  @Test
  void b3_loneAccept_startsSampledRoot() {
    TraceContext root =
        Propagation.startServerSpan(
            TestHeaders.of("b3", "1"), TestHeaders.GETTER, Propagators.b3Single());
    assertThat(root.isSampled()).isTrue();
    assertThat(root.parentSpanId()).isZero();
    assertThat(root.isRandomTraceId()).isTrue();
  }

  @Test
  void b3_loneDebug_startsSampledRoot() {
    TraceContext root = Propagation.startServerSpan(TestHeaders.of("b3", "d"), TestHeaders.GETTER);
    assertThat(root.isSampled()).isTrue();
  }

  @Test
  void b3_loneDeny_startsUnsampledRoot() {
    TraceContext root =
        Propagation.startServerSpan(
            TestHeaders.of("b3", "0", "X-B3-Sampled", "1"), TestHeaders.GETTER);
    assertThat(root.isSampled()).isFalse();
  }

  @Test
  void b3_singleHeader_winsOverMultiHeaders() {
    TestHeaders h =
        TestHeaders.of(
            "b3", TRACE + "-" + SPAN + "-1",
            "X-B3-TraceId", "a3ce929d0e0e4736",
            "X-B3-SpanId", "00f067aa0ba902b7");
    TraceContext ctx = Propagators.b3Single().extract(h, TestHeaders.GETTER).context();
    assertThat(ctx.traceIdHex()).isEqualTo(TRACE);
    assertThat(ctx.spanIdHex()).isEqualTo(SPAN);
  }

  @Test
  void b3_invalidSingleHeader_fallsBackToMultiHeaders() {
    TestHeaders h =
        TestHeaders.of(
            "b3", "garbage",
            "X-B3-TraceId", "a3ce929d0e0e4736",
            "X-B3-SpanId", "00f067aa0ba902b7",
            "X-B3-Sampled", "1");
    TraceContext ctx = Propagators.b3Single().extract(h, TestHeaders.GETTER).context();
    assertThat(ctx.traceIdHex()).isEqualTo("0000000000000000a3ce929d0e0e4736");
    assertThat(ctx.isSampled()).isTrue();
  }

  @Test
  void b3_headerNameInAnyCase_isFound() {
    TraceContext ctx =
        Propagators.b3Single()
            .extract(TestHeaders.of("B3", TRACE + "-" + SPAN), TestHeaders.GETTER)
            .context();
    assertThat(ctx).isNotNull();
  }

  @Test
  void inject_writesTrace32SpanAndSamplingButNeverTheParent() {
    TraceContext ctx =
        TraceContext.of(
            0, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L, 0x1234L, (byte) 1, "a=1", "rid");
    TestHeaders out = new TestHeaders();
    Propagators.b3Single().inject(ctx, out, TestHeaders.SETTER);
    assertThat(out.get("b3")).isEqualTo("0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-1");
    assertThat(out.size()).isEqualTo(1);
  }

  @Test
  void inject_notSampled_writesZero() {
    TraceContext ctx = TraceContext.of(1, 2, 3, 0, (byte) 2, null, null);
    TestHeaders out = new TestHeaders();
    Propagators.b3Single().inject(ctx, out, TestHeaders.SETTER);
    assertThat(out.get("b3")).endsWith("-0000000000000003-0");
  }

  @Test
  void fields_isB3() {
    assertThat(Propagators.b3Single().fields()).containsExactly("b3");
  }
}
