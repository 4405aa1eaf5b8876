package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.correlog.context.TraceContext;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The X-B3-* headers, with the examples of openzipkin/b3-propagation. */
class B3MultiTest {
  static final String TRACE = "463ac35c9f6413ad48485a3953bb6124";
  static final String SPAN = "a2fb4a1d1a96d312";
  static final String PARENT = "0020000000000001";

  private static TraceContext extract(String... namesAndValues) {
    return Propagators.b3Multi()
        .extract(TestHeaders.of(namesAndValues), TestHeaders.GETTER)
        .context();
  }

  @Test
  void multi_specExample_isExtracted() {
    TraceContext ctx =
        extract(
            "X-B3-TraceId", TRACE,
            "X-B3-ParentSpanId", PARENT,
            "X-B3-SpanId", SPAN,
            "X-B3-Sampled", "1");
    assertThat(ctx.traceIdHex()).isEqualTo(TRACE);
    assertThat(ctx.spanIdHex()).isEqualTo(SPAN);
    assertThat(ctx.parentSpanIdHex()).isEqualTo(PARENT);
    assertThat(ctx.isSampled()).isTrue();
  }

  @ParameterizedTest(name = "X-B3-Sampled: {0} -> sampled {1}")
  @CsvSource({
    "1, true",
    "0, false",
    "true, true",
    "false, false",
    "True, true",
    "FALSE, false",
    "yes, false",
    "d, false",
    "'', false"
  })
  void multi_sampledHeader_isRead(String value, boolean sampled) {
    TraceContext ctx = extract("X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN, "X-B3-Sampled", value);
    assertThat(ctx.isSampled()).isEqualTo(sampled);
  }

  @ParameterizedTest(name = "X-B3-Flags: {0} -> sampled {1}")
  @CsvSource({"1, true", "0, false", "2, false", "'', false"})
  void multi_debugFlag_impliesSampled(String value, boolean sampled) {
    TraceContext ctx = extract("X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN, "X-B3-Flags", value);
    assertThat(ctx.isSampled()).isEqualTo(sampled);
  }

  @Test
  void multi_debugFlag_overridesSampledZero() {
    TraceContext ctx =
        extract("X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN, "X-B3-Sampled", "0", "X-B3-Flags", "1");
    assertThat(ctx.isSampled()).isTrue();
  }

  @Test
  void multi_64BitTraceId_isLeftPadded() {
    TraceContext ctx = extract("X-B3-TraceId", "48485a3953bb6124", "X-B3-SpanId", SPAN);
    assertThat(ctx.traceIdHex()).isEqualTo("000000000000000048485a3953bb6124");
    assertThat(ctx.isSampled()).isFalse();
  }

  @Test
  void multi_lowercaseHeaderNames_areFound() {
    TraceContext ctx = extract("x-b3-traceid", TRACE, "x-b3-spanid", SPAN, "x-b3-sampled", "1");
    assertThat(ctx.traceIdHex()).isEqualTo(TRACE);
    assertThat(ctx.isSampled()).isTrue();
  }

  @Test
  void multi_surroundingWhitespace_isTrimmed() {
    TraceContext ctx = extract("X-B3-TraceId", " " + TRACE + "\t", "X-B3-SpanId", "\t" + SPAN);
    assertThat(ctx.spanIdHex()).isEqualTo(SPAN);
  }

  static Stream<Arguments> invalidHeaders() {
    return Stream.of(
        arguments("no span id", new String[] {"X-B3-TraceId", TRACE}),
        arguments("no trace id", new String[] {"X-B3-SpanId", SPAN}),
        arguments(
            "trace id of 31",
            new String[] {"X-B3-TraceId", TRACE.substring(1), "X-B3-SpanId", SPAN}),
        arguments(
            "trace id of 17",
            new String[] {"X-B3-TraceId", TRACE.substring(15), "X-B3-SpanId", SPAN}),
        arguments(
            "span id of 15",
            new String[] {"X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN.substring(1)}),
        arguments(
            "non-Latin-1 character",
            new String[] {"X-B3-TraceId", TRACE, "X-B3-SpanId", "\u0130" + SPAN.substring(1)}),
        arguments(
            "uppercase", new String[] {"X-B3-TraceId", TRACE.toUpperCase(), "X-B3-SpanId", SPAN}),
        arguments(
            "all-zero trace id",
            new String[] {"X-B3-TraceId", "0".repeat(32), "X-B3-SpanId", SPAN}),
        arguments(
            "all-zero span id",
            new String[] {"X-B3-TraceId", TRACE, "X-B3-SpanId", "0".repeat(16)}),
        arguments(
            "invalid parent",
            new String[] {"X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN, "X-B3-ParentSpanId", "xyz"}),
        arguments(
            "duplicated trace id",
            new String[] {"X-B3-TraceId", TRACE, "X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN}),
        arguments(
            "over 512 characters",
            new String[] {"X-B3-TraceId", TRACE + " ".repeat(500), "X-B3-SpanId", SPAN}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidHeaders")
  void multi_invalid_yieldsNoContext(String rule, String[] headers) {
    assertThat(extract(headers)).isNull();
  }

  @Test
  void multi_allZeroParent_isNoParent_andKeepsTheContext() {
    TraceContext ctx =
        extract("X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN, "X-B3-ParentSpanId", "0".repeat(16));
    assertThat(ctx.spanIdHex()).isEqualTo(SPAN);
    assertThat(ctx.parentSpanId()).isZero();
  }

  @Test
  void multi_idsWithoutSampled_areDeferred_andInjectNoDecision() {
    TestHeaders h = TestHeaders.of("X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN);
    Extracted e = Propagators.b3Multi().extract(h, TestHeaders.GETTER);
    assertThat(e.sampling()).isEqualTo(SamplingDecision.DEFERRED);
    TraceContext span = Propagation.startServerSpan(h, TestHeaders.GETTER);
    assertThat(span.isSamplingDecided()).isFalse();
    TestHeaders out = new TestHeaders();
    Propagators.b3Multi().inject(span, out, TestHeaders.SETTER);
    assertThat(out.get("X-B3-Sampled")).isNull();
    TestHeaders single = new TestHeaders();
    Propagators.b3Single().inject(span, single, TestHeaders.SETTER);
    // {trace}-{span} and nothing after it (a random span id may itself start with 0)
    assertThat(single.get("b3")).matches("[0-9a-f]{32}-[0-9a-f]{16}");
  }

  @Test
  void multi_loneSampledHeader_yieldsNoContextButSeedsTheRoot() {
    TestHeaders h = TestHeaders.of("X-B3-Sampled", "1");
    assertThat(Propagators.b3Multi().extract(h, TestHeaders.GETTER).context()).isNull();
    TraceContext root = Propagation.startServerSpan(h, TestHeaders.GETTER, Propagators.b3Multi());
    assertThat(root.isSampled()).isTrue();
    assertThat(root.parentSpanId()).isZero();
  }

  @Test
  void inject_writesTraceIdSpanIdSampledButNeverTheParent() {
    TraceContext ctx =
        TraceContext.of(0, 0x48485a3953bb6124L, 0xa2fb4a1d1a96d312L, 7, (byte) 1, null, null);
    TestHeaders out = new TestHeaders();
    Propagators.b3Multi().inject(ctx, out, TestHeaders.SETTER);
    assertThat(out.get("X-B3-TraceId")).isEqualTo("000000000000000048485a3953bb6124");
    assertThat(out.get("X-B3-SpanId")).isEqualTo(SPAN);
    assertThat(out.get("X-B3-Sampled")).isEqualTo("1");
    assertThat(out.get("X-B3-ParentSpanId")).isNull();
    assertThat(out.get("b3")).isNull();
    assertThat(out.size()).isEqualTo(3);
  }

  @Test
  void inject_notSampled_writesSampledZero() {
    TestHeaders out = new TestHeaders();
    Propagators.b3Multi()
        .inject(TraceContext.of(1, 2, 3, 0, (byte) 0, null, null), out, TestHeaders.SETTER);
    assertThat(out.get("X-B3-Sampled")).isEqualTo("0");
  }

  @Test
  void multi_singleHeaderPresent_winsOverMulti() {
    TraceContext ctx =
        extract(
            "b3", "a3ce929d0e0e4736-00f067aa0ba902b7",
            "X-B3-TraceId", TRACE,
            "X-B3-SpanId", SPAN);
    assertThat(ctx.spanIdHex()).isEqualTo("00f067aa0ba902b7");
  }

  @Test
  void fields_areTraceIdSpanIdSampled() {
    assertThat(Propagators.b3Multi().fields())
        .containsExactly("X-B3-TraceId", "X-B3-SpanId", "X-B3-Sampled");
  }
}
