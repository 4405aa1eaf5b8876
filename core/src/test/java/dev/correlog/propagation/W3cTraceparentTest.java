package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.correlog.context.TraceContext;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** traceparent rules, with the examples of the W3C trace-context test suite. */
class W3cTraceparentTest {
  static final String TRACE = "12345678901234567890123456789012";
  static final String SPAN = "1234567890123456";
  static final String VALID = "00-" + TRACE + "-" + SPAN + "-01";

  private static TraceContext extract(String traceparent) {
    return Propagators.w3c()
        .extract(TestHeaders.of("traceparent", traceparent), TestHeaders.GETTER)
        .context();
  }

  static Stream<Arguments> validTraceparents() {
    return Stream.of(
        arguments("version 00, sampled", VALID, TRACE, SPAN, 1),
        arguments("not sampled", "00-" + TRACE + "-" + SPAN + "-00", TRACE, SPAN, 0),
        arguments("random flag", "00-" + TRACE + "-" + SPAN + "-02", TRACE, SPAN, 2),
        arguments("sampled and random", "00-" + TRACE + "-" + SPAN + "-03", TRACE, SPAN, 3),
        arguments("unknown flags dropped", "00-" + TRACE + "-" + SPAN + "-ff", TRACE, SPAN, 3),
        arguments("unknown flag with sampled", "00-" + TRACE + "-" + SPAN + "-09", TRACE, SPAN, 1),
        arguments("future version cc", "cc-" + TRACE + "-" + SPAN + "-01", TRACE, SPAN, 1),
        arguments(
            "future version with more fields",
            "cc-" + TRACE + "-" + SPAN + "-01-what-the-future-will-be-like",
            TRACE,
            SPAN,
            1),
        arguments("leading space", " " + VALID, TRACE, SPAN, 1),
        arguments("leading tab", "\t" + VALID, TRACE, SPAN, 1),
        arguments("trailing space", VALID + " ", TRACE, SPAN, 1),
        arguments("trailing tab", VALID + "\t", TRACE, SPAN, 1),
        arguments("both sides", "\t " + VALID + " \t", TRACE, SPAN, 1),
        arguments(
            "spec example",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            1),
        arguments(
            "high half zero",
            "00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-00",
            "0000000000000000a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validTraceparents")
  void traceparent_valid_isExtracted(
      String rule, String value, String traceId, String spanId, int flags) {
    TraceContext ctx = extract(value);
    assertThat(ctx).isNotNull();
    assertThat(ctx.traceIdHex()).isEqualTo(traceId);
    assertThat(ctx.spanIdHex()).isEqualTo(spanId);
    assertThat(ctx.flags()).isEqualTo((byte) flags);
    assertThat(ctx.parentSpanId()).isZero();
    assertThat(ctx.hasRequestId()).isFalse();
  }

  static Stream<Arguments> invalidTraceparents() {
    String tail = "-" + TRACE + "-" + SPAN + "-01";
    return Stream.of(
        arguments("version 00 with trailing dot", VALID + "."),
        arguments("version 00 with more fields", VALID + "-what-the-future-will-be-like"),
        arguments(
            "future version, dot after flags",
            "cc-" + TRACE + "-" + SPAN + "-01.what-the-future-will-be-like"),
        arguments("version ff", "ff" + tail),
        arguments("version illegal first char", ".0" + tail),
        arguments("version illegal second char", "0." + tail),
        arguments("version uppercase", "0A" + tail),
        arguments("version three digits", "000" + tail),
        arguments("version four digits", "0000" + tail),
        arguments("version one digit", "0" + tail),
        arguments("trace id all zero", "00-00000000000000000000000000000000-" + SPAN + "-01"),
        arguments(
            "trace id illegal first char", "00-.2345678901234567890123456789012-" + SPAN + "-01"),
        arguments(
            "trace id illegal last char", "00-1234567890123456789012345678901.-" + SPAN + "-01"),
        arguments(
            "trace id with a non-Latin-1 char whose low byte is a digit",
            "00-\u0130" + TRACE.substring(1) + "-" + SPAN + "-01"),
        arguments(
            "parent id with a non-Latin-1 char whose low byte is a letter",
            "00-" + TRACE + "-" + SPAN.substring(1) + "\u0161-01"),
        arguments("trace id uppercase", "00-4BF92F3577B34DA6A3CE929D0E0E4736-" + SPAN + "-01"),
        arguments("trace id too long", "00-123456789012345678901234567890123-" + SPAN + "-01"),
        arguments("trace id too short", "00-1234567890123456789012345678901-" + SPAN + "-01"),
        arguments("parent id all zero", "00-" + TRACE + "-0000000000000000-01"),
        arguments("parent id illegal first char", "00-" + TRACE + "-.234567890123456-01"),
        arguments("parent id illegal last char", "00-" + TRACE + "-123456789012345.-01"),
        arguments("parent id uppercase", "00-" + TRACE + "-00F067AA0BA902B7-01"),
        arguments("parent id too long", "00-" + TRACE + "-12345678901234567-01"),
        arguments("parent id too short", "00-" + TRACE + "-123456789012345-01"),
        arguments("flags illegal first char", "00-" + TRACE + "-" + SPAN + "-.0"),
        arguments("flags illegal second char", "00-" + TRACE + "-" + SPAN + "-0."),
        arguments("flags uppercase", "00-" + TRACE + "-" + SPAN + "-0A"),
        arguments("flags too long", "00-" + TRACE + "-" + SPAN + "-001"),
        arguments("flags too short", "00-" + TRACE + "-" + SPAN + "-1"),
        arguments("wrong delimiter", "00_" + TRACE + "_" + SPAN + "_01"),
        arguments("empty", ""),
        arguments("only spaces", "   "),
        arguments("inner space", "00-" + TRACE + " -" + SPAN + "-01"),
        arguments("duplicated (joined) headers", VALID + "," + VALID),
        arguments(
            "duplicated future versions",
            "cc-" + TRACE + "-" + SPAN + "-01-x,cc-" + TRACE + "-" + SPAN + "-01"),
        arguments("version 00 over 55 characters", VALID + "-" + "x".repeat(600)),
        arguments("future version, comma far out", "cc" + tail + "-" + "x".repeat(600) + ","));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTraceparents")
  void traceparent_invalid_yieldsNoContext(String rule, String value) {
    assertThat(extract(value)).isNull();
  }

  @Test
  void traceparent_futureVersionOver512Characters_isAccepted_asTheSpecAllows() {
    String value = "cc-" + TRACE + "-" + SPAN + "-01-" + "x".repeat(4000);
    TraceContext ctx = extract(value);
    assertThat(ctx.traceIdHex()).isEqualTo(TRACE);
    assertThat(ctx.isSampled()).isTrue();
  }

  @Test
  void traceparent_futureVersionAt512Characters_isAccepted() {
    String value = "cc-" + TRACE + "-" + SPAN + "-01-" + "x".repeat(512 - 56);
    assertThat(value).hasSize(512);
    assertThat(extract(value)).isNotNull();
  }

  @Test
  void traceparent_twoHeaders_isInvalidAndDropsTracestate() {
    TestHeaders h =
        TestHeaders.of(
            "traceparent", "00-12345678901234567890123456789011-1234567890123456-01",
            "traceparent", "00-12345678901234567890123456789012-1234567890123456-01",
            "tracestate", "foo=1");
    assertThat(Propagators.w3c().extract(h, TestHeaders.GETTER).context()).isNull();
  }

  @Test
  void traceparent_invalid_tracestateIsNotRead() {
    TestHeaders h = TestHeaders.of("traceparent", "ff" + VALID.substring(2), "tracestate", "a=1");
    assertThat(Propagators.w3c().extract(h, TestHeaders.GETTER).context()).isNull();
  }

  @Test
  void traceparent_headerNameInAnyCase_isFound() {
    for (String name : new String[] {"TraceParent", "TrAcEpArEnT", "TRACEPARENT"}) {
      TraceContext ctx =
          Propagators.w3c().extract(TestHeaders.of(name, VALID), TestHeaders.GETTER).context();
      assertThat(ctx).as(name).isNotNull();
    }
  }

  @Test
  void traceparent_wrongHeaderName_isIgnored() {
    for (String name : new String[] {"trace-parent", "trace.parent"}) {
      TraceContext ctx =
          Propagators.w3c().extract(TestHeaders.of(name, VALID), TestHeaders.GETTER).context();
      assertThat(ctx).as(name).isNull();
    }
  }

  @Test
  void traceparent_absent_yieldsNoContext() {
    assertThat(
            Propagators.w3c()
                .extract(TestHeaders.of("tracestate", "a=1"), TestHeaders.GETTER)
                .context())
        .isNull();
  }

  @Test
  void inject_writesVersion00WithSampledAndRandomFlags() {
    TraceContext ctx =
        TraceContext.of(
            0x4bf92f3577b34da6L,
            0xa3ce929d0e0e4736L,
            0x00f067aa0ba902b7L,
            0x1111L,
            (byte) 3,
            null,
            null);
    TestHeaders out = new TestHeaders();
    Propagators.w3c().inject(ctx, out, TestHeaders.SETTER);
    assertThat(out.get("traceparent"))
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03");
    assertThat(out.get("tracestate")).isNull();
    assertThat(out.size()).isEqualTo(1);
  }

  @Test
  void inject_futureVersionReceived_isReEmittedAsVersion00() {
    TraceContext ctx = extract("cc-" + TRACE + "-" + SPAN + "-09-future");
    TestHeaders out = new TestHeaders();
    Propagators.w3c().inject(ctx, out, TestHeaders.SETTER);
    assertThat(out.get("traceparent")).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
  }

  @Test
  void inject_notSampled_writesFlags00() {
    TraceContext ctx = TraceContext.of(0, 1, 2, 0, (byte) 0, null, null);
    TestHeaders out = new TestHeaders();
    Propagators.w3c().inject(ctx, out, TestHeaders.SETTER);
    assertThat(out.get("traceparent"))
        .isEqualTo("00-00000000000000000000000000000001-0000000000000002-00");
  }

  @Test
  void fields_areTraceparentAndTracestate() {
    assertThat(Propagators.w3c().fields()).containsExactly("traceparent", "tracestate");
  }
}
