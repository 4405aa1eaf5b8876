package dev.correlog.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Behind AsyncAppender, a line tells its trace's sampling decision as Correlog's own lines do, from
 * the MDC captured on the logging thread: {@code "trace_sampled":false} for a trace decided not
 * sampled (Correlog's scope or OpenTelemetry's {@code trace_flags=00}), nothing for a sampled one,
 * and nothing for a trace not decided yet, which the encoder's head ratio (1 by default) keeps.
 */
class TraceSampledLinesTest {
  @TempDir Path dir;

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void theLineSaysWhenItsTraceWasNotSampled() throws Exception {
    Path file = dir.resolve("app.log");
    LoggerContext context = LogbackConfig.configure("logback-test-async.xml", file);
    Logger log = context.getLogger("com.acme.Orders");
    TraceContext root = TraceContext.newRoot("req-1");
    try (Scope s = root.withSampled(false).attach()) {
      log.warn("kept by level in a trace not sampled");
    }
    try (Scope s = root.withSampled(true).attach()) {
      log.info("sampled");
    }
    try (Scope s = root.attach()) {
      log.info("undecided");
    }
    MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    MDC.put("span_id", "00f067aa0ba902b7");
    MDC.put("trace_flags", "00");
    log.warn("an OpenTelemetry span not sampled");
    MDC.clear();
    context.stop();
    List<JsonNode> lines = LogbackConfig.lines(file);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).get("trace_id").asText()).isEqualTo(root.traceIdHex());
    assertThat(lines.get(0).get("trace_sampled").booleanValue()).isFalse();
    assertThat(lines.get(0).get("trace_sampled").isBoolean()).isTrue();
    assertThat(lines.get(1).has("trace_sampled")).isFalse();
    assertThat(lines.get(2).get("trace_id").asText()).isEqualTo(root.traceIdHex());
    assertThat(lines.get(2).has("trace_sampled")).isFalse();
    assertThat(lines.get(3).get("trace_sampled").booleanValue()).isFalse();
  }
}
