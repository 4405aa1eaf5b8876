package dev.correlog.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sampling.ErrorFlush;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lines sampled out of an SLF4J request are held and written when the request logs an error. */
class ErrorFlushThroughSlf4jTest {
  private final Captured captured =
      new Captured(Captured.builder().headRatio(0.0).errorFlush(ErrorFlush.defaults()));
  private final Logger log = LoggerFactory.getLogger("com.acme.Checkout");

  @AfterEach
  void close() {
    captured.close();
  }

  @Test
  void sampledOutLinesOfAFailingRequest_areFlushedBeforeItsError() {
    TraceContext request = captured.correlog.decide(TraceContext.newRoot("req-7"));
    assertThat(request.isSampled()).isFalse();
    try (Scope s = request.attach()) {
      log.info("cart {} loaded", 42);
      log.atInfo().addKeyValue("event", "cart.priced").addKeyValue("total", 99).log();
      assertThat(captured.sink.lines()).isEmpty(); // sampled out, held
      log.error("payment failed for cart {}", 42);
    }
    List<JsonNode> lines = captured.lines();
    assertThat(lines)
        .extracting(l -> l.get("level").asText())
        .containsExactly("INFO", "INFO", "ERROR");
    assertThat(lines.get(0).get("message").asText()).isEqualTo("cart 42 loaded");
    assertThat(lines.get(1).get("event").asText()).isEqualTo("cart.priced");
    assertThat(lines.get(0).get("sampled_by").asText()).isEqualTo("error_flush");
    assertThat(lines)
        .allSatisfy(l -> assertThat(l.get("trace_id").asText()).isEqualTo(request.traceIdHex()));
    // The request was not sampled: every line of it says so, the held ones and the error.
    assertThat(lines).allSatisfy(l -> assertThat(l.get("trace_sampled").asBoolean(true)).isFalse());
  }

  @Test
  void aSampledRequest_addsNothing() {
    captured.correlog.sampling().headRatio(1.0);
    try (Scope s = captured.correlog.decide(TraceContext.newRoot("req-8")).attach()) {
      log.info("cart {} loaded", 42);
      log.atWarn().addKeyValue("event", "cart.slow").log();
    }
    assertThat(captured.lines()).hasSize(2).noneMatch(l -> l.has("trace_sampled"));
  }
}
