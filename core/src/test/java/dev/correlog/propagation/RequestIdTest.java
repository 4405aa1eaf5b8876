package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.TraceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** x-request-id: kept when 1 to 128 safe characters, otherwise treated as absent and counted. */
class RequestIdTest {
  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private static TraceContext extract(String requestId) {
    return Propagators.defaults()
        .extract(
            TestHeaders.of("traceparent", TRACEPARENT, "x-request-id", requestId),
            TestHeaders.GETTER)
        .context();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "req_42.retry:1",
        "user@host/path+x=y",
        "ABCxyz0123456789-._:@/+=",
      })
  void requestId_safe_isKept(String value) {
    TraceContext ctx = extract(value);
    assertThat(ctx.hasRequestId()).isTrue();
    assertThat(ctx.requestId()).isEqualTo(value);
  }

  @Test
  void requestId_of128_isKept() {
    String value = "r".repeat(128);
    assertThat(extract(value).requestId()).isEqualTo(value);
  }

  @Test
  void requestId_surroundingWhitespace_isTrimmed() {
    assertThat(extract(" \tabc-1\t ").requestId()).isEqualTo("abc-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "has space",
        "comma,separated",
        "semi;colon",
        "quote\"",
        "line\r\nbreak",
        "tab\tinside",
        "caf\u00e9",
        "emoji\ud83d\ude00",
        "percent%20",
        "<script>",
      })
  void requestId_unsafeCharacter_isRejectedAndCounted(String value) {
    long before = Propagators.rejectedRequestIds();
    TraceContext ctx = extract(value);
    assertThat(ctx).isNotNull();
    assertThat(ctx.hasRequestId()).isFalse();
    assertThat(ctx.requestId()).isEqualTo(ctx.traceIdHex());
    assertThat(Propagators.rejectedRequestIds()).isEqualTo(before + 1);
  }

  @Test
  void requestId_of129_isRejectedAndCounted() {
    long before = Propagators.rejectedRequestIds();
    assertThat(extract("r".repeat(129)).hasRequestId()).isFalse();
    assertThat(Propagators.rejectedRequestIds()).isEqualTo(before + 1);
  }

  @Test
  void requestId_sentTwice_isRejected() {
    TestHeaders h =
        TestHeaders.of("traceparent", TRACEPARENT, "x-request-id", "a", "X-Request-Id", "b");
    assertThat(Propagators.defaults().extract(h, TestHeaders.GETTER).context().hasRequestId())
        .isFalse();
  }

  @Test
  void requestId_emptyOrBlank_isAbsentAndNotCounted() {
    long before = Propagators.rejectedRequestIds();
    assertThat(extract("").hasRequestId()).isFalse();
    assertThat(extract("  ").hasRequestId()).isFalse();
    assertThat(Propagators.rejectedRequestIds()).isEqualTo(before);
  }

  @Test
  void requestId_headerNameInAnyCase_isFound() {
    TestHeaders h = TestHeaders.of("traceparent", TRACEPARENT, "X-Request-ID", "abc");
    assertThat(Propagators.defaults().extract(h, TestHeaders.GETTER).context().requestId())
        .isEqualTo("abc");
  }

  @Test
  void requestIdAlone_extractsNothing() {
    TestHeaders h = TestHeaders.of("traceparent", TRACEPARENT, "x-request-id", "abc");
    assertThat(Propagators.requestId().extract(h, TestHeaders.GETTER).context()).isNull();
  }

  @Test
  void w3cAlone_ignoresRequestId() {
    TestHeaders h = TestHeaders.of("traceparent", TRACEPARENT, "x-request-id", "abc");
    assertThat(Propagators.w3c().extract(h, TestHeaders.GETTER).context().hasRequestId()).isFalse();
  }

  @Test
  void inject_explicitRequestId_isWritten() {
    TestHeaders out = new TestHeaders();
    Propagators.requestId().inject(TraceContext.newRoot("abc-1"), out, TestHeaders.SETTER);
    assertThat(out.get("x-request-id")).isEqualTo("abc-1");
    assertThat(out.size()).isEqualTo(1);
  }

  @Test
  void inject_noExplicitRequestId_writesNothing() {
    TestHeaders out = new TestHeaders();
    Propagators.requestId().inject(TraceContext.newRoot(), out, TestHeaders.SETTER);
    assertThat(out.size()).isZero();
  }

  @Test
  void inject_unsafeRequestIdSetInCode_isNotWritten() {
    TestHeaders out = new TestHeaders();
    Propagators.requestId()
        .inject(TraceContext.newRoot("evil\r\nx-admin: 1"), out, TestHeaders.SETTER);
    assertThat(out.size()).isZero();
  }

  @Test
  void fields_isXRequestId() {
    assertThat(Propagators.requestId().fields()).containsExactly("x-request-id");
  }
}
