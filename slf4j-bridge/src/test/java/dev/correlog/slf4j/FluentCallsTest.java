package dev.correlog.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;

/** The fluent API: key-value pairs arrive typed, {@code event} names the event. */
class FluentCallsTest {
  private final Captured captured = Captured.install();
  private final Logger log = LoggerFactory.getLogger("com.acme.Orders");

  @AfterEach
  void close() {
    captured.close();
  }

  @Test
  void keyValuePairs_areTypedFields_andEventNamesTheEvent() {
    TraceContext ctx = TraceContext.newRoot();
    try (Scope s = ctx.attach()) {
      log.atInfo()
          .setMessage("order placed")
          .addKeyValue("event", "order.placed")
          .addKeyValue("user_id", 12345)
          .addKeyValue("userId", 7L)
          .addKeyValue("http.method", "POST")
          .addKeyValue("amount", 99.5)
          .addKeyValue("vip", true)
          .addKeyValue("level", "not the envelope's")
          .addMarker(MarkerFactory.getMarker("AUDIT"))
          .log();
    }
    JsonNode line = captured.single();
    assertThat(line.get("event").asText()).isEqualTo("order.placed");
    assertThat(line.get("user_id").isIntegralNumber()).isTrue();
    assertThat(line.get("user_id").asInt()).isEqualTo(12345);
    assertThat(line.get("userId").asLong()).isEqualTo(7L);
    assertThat(line.get("http.method").asText()).isEqualTo("POST");
    assertThat(line.get("amount").asDouble()).isEqualTo(99.5);
    assertThat(line.get("vip").asBoolean()).isTrue();
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("_level").asText()).isEqualTo("not the envelope's");
    assertThat(line.get("marker").asText()).isEqualTo("AUDIT");
    assertThat(line.get("message").asText()).isEqualTo("order placed");
    assertThat(line.get("trace_id").asText()).isEqualTo(ctx.traceIdHex());
    assertThat(line.has("event_")).isFalse();
  }

  @Test
  void argumentsAndCause_areFormattedAndRecorded() {
    log.atWarn()
        .setMessage("retry {} of {}")
        .addArgument(2)
        .addArgument(3)
        .setCause(new IllegalStateException("timeout"))
        .log();
    JsonNode line = captured.single();
    assertThat(line.get("message").asText()).isEqualTo("retry 2 of 3");
    assertThat(line.get("error").toString()).contains("timeout");
    assertThat(line.get("event").asText()).isEqualTo("log");
  }

  @Test
  void aDisabledFluentCall_writesNothing() {
    log.atDebug().addKeyValue("event", "x").setMessage("dropped").log();
    log.atTrace().log("dropped");
    assertThat(captured.sink.size()).isZero();
  }
}
