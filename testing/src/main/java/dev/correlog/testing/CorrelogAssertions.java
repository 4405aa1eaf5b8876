package dev.correlog.testing;

/**
 * AssertJ entry points for captured events.
 *
 * <pre>{@code
 * assertThat(capture).hasEvent("order.placed").withField("user_id", 12345L).withTraceId(id);
 * }</pre>
 */
public final class CorrelogAssertions {
  private CorrelogAssertions() {}

  public static CaptureAssert assertThat(CorrelogCapture capture) {
    return new CaptureAssert(capture);
  }
}
