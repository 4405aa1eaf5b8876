package dev.correlog.testing;

import static dev.correlog.testing.CorrelogAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.Correlog;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaViolationException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CorrelogCaptureTest {
  @RegisterExtension
  final CorrelogCapture capture =
      CorrelogCapture.withSchemas(EventSchema.named("order.placed").requiredLong("user_id"));

  @Test
  void capturesEvents_andAssertsOnFieldsAndIds() {
    TraceContext ctx = TraceContext.newRoot("req-1");
    try (Scope s = ctx.attach()) {
      capture.logger("orders").info("order.placed").field("user_id", 12345).emit();
    }
    assertThat(capture)
        .hasEvent("order.placed")
        .withField("user_id", 12345L)
        .withField("user_id", 12345)
        .withTraceId(ctx.traceIdHex())
        .withRequestId("req-1")
        .withLevel("INFO");
    assertThat(capture).hasEventCount(1).hasNoEvent("order.cancelled");
  }

  @Test
  void theCaptureIsTheGlobalInstance_duringTheTest() {
    Correlog.global().logger("g").warn("from.global").emit();
    assertThat(capture).hasEvent("from.global").withLevel("WARN");
  }

  @Test
  void strictByDefault_soViolationsFailTheTest() {
    assertThatThrownBy(() -> capture.logger("o").info("order.placed").emit())
        .isInstanceOf(SchemaViolationException.class);
  }

  @Test
  void failedExpectations_sayWhatWasThere() {
    capture.logger("o").info("order.placed").field("user_id", 1).emit();
    Assertions.assertThatThrownBy(
            () -> assertThat(capture).hasEvent("order.placed").withField("user_id", 2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("user_id = 2");
    Assertions.assertThatThrownBy(() -> assertThat(capture).hasEvent("nope"))
        .hasMessageContaining("[order.placed]");
  }
}
