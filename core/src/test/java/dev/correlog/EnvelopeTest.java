package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private final CollectingSink sink = new CollectingSink();

  @Test
  void mandatoryFieldsComeFirst_inTheDesignOrder_thenStandardThenUserFields() {
    Correlog c =
        Lines.builder(sink)
            .environment("prod")
            .clock(Clock.fixed(Instant.parse("2025-04-16T14:23:01.123456789Z"), ZoneOffset.UTC))
            .build();
    c.logger("com.acme.Orders")
        .info("order.placed")
        .field("user_id", 12345)
        .message("order placed")
        .field("amount", 99.99)
        .emit();

    JsonNode line = Lines.single(c, sink);
    assertThat(Lines.fieldNames(line))
        .containsExactly(
            "timestamp",
            "level",
            "service",
            "version",
            "trace_id",
            "span_id",
            "request_id",
            "event",
            "logger",
            "thread",
            "environment",
            "message",
            "user_id",
            "amount");
    assertThat(line.get("timestamp").asText()).isEqualTo("2025-04-16T14:23:01.123456Z");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("service").asText()).isEqualTo("order-service");
    assertThat(line.get("version").asText()).isEqualTo("1.4.2");
    assertThat(line.get("event").asText()).isEqualTo("order.placed");
    assertThat(line.get("logger").asText()).isEqualTo("com.acme.Orders");
    assertThat(line.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(line.get("user_id").asLong()).isEqualTo(12345L);
    assertThat(line.get("amount").asDouble()).isEqualTo(99.99);
  }

  @Test
  void outsideAnyContext_eachEventGetsAFreshRootContext() {
    Correlog c = Lines.builder(sink).build();
    EventLogger log = c.logger("t");
    log.info("a").emit();
    log.info("b").emit();
    List<JsonNode> lines = Lines.parse(c, sink);
    JsonNode a = lines.get(0);
    JsonNode b = lines.get(1);
    assertThat(a.get("trace_id").asText()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertThat(a.get("span_id").asText()).matches("[0-9a-f]{16}");
    assertThat(a.get("request_id").asText()).isEqualTo(a.get("trace_id").asText());
    assertThat(b.get("trace_id").asText()).isNotEqualTo(a.get("trace_id").asText());
    assertThat(a.has("parent_span_id")).isFalse();
  }

  @Test
  void insideAScope_theContextsIdsAreWritten() {
    Correlog c = Lines.builder(sink).build();
    TraceContext root = TraceContext.newRoot("req-789");
    TraceContext child = root.newChild();
    try (Scope s = child.attach()) {
      c.logger("t").warn("payment.declined").emit();
    }
    JsonNode line = Lines.single(c, sink);
    assertThat(line.get("trace_id").asText()).isEqualTo(root.traceIdHex());
    assertThat(line.get("span_id").asText()).isEqualTo(child.spanIdHex());
    assertThat(line.get("parent_span_id").asText()).isEqualTo(root.spanIdHex());
    assertThat(line.get("request_id").asText()).isEqualTo("req-789");
    assertThat(line.get("level").asText()).isEqualTo("WARN");
  }

  @Test
  void timestamp_hasMicrosecondsAndChangesSecondCorrectly() {
    Instant[] now = {Instant.parse("2025-12-31T23:59:59.999999Z")};
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    Correlog c = Lines.builder(sink).clock(clock).build();
    c.logger("t").info("a").emit();
    now[0] = Instant.parse("2026-01-01T00:00:00.000001Z");
    c.logger("t").info("b").emit();
    List<JsonNode> lines = Lines.parse(c, sink);
    assertThat(lines.get(0).get("timestamp").asText()).isEqualTo("2025-12-31T23:59:59.999999Z");
    assertThat(lines.get(1).get("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.000001Z");
  }

  @Test
  void threadFieldCanBeTurnedOff() {
    Correlog c = Lines.builder(sink).includeThread(false).build();
    c.logger("t").info("a").emit();
    assertThat(Lines.single(c, sink).has("thread")).isFalse();
  }

  @Test
  void levelsBelowTheMinimum_areDisabledAndCounted() {
    // disabled events are counted only when asked (Correlog.Builder.countDisabled)
    Correlog c = Lines.builder(sink).level(Level.WARN).countDisabled(true).build();
    EventLogger log = c.logger("t");
    assertThat(log.info("a").field("x", 1).isEnabled()).isFalse();
    log.debug("a").field("x", 1).emit();
    log.info("a").emit();
    log.warn("w").emit();
    log.error("e").emit();
    assertThat(sink.rawLines()).hasSize(2);
    assertThat(c.counters().disabled()).isEqualTo(3);
    assertThat(c.counters().emitted()).isEqualTo(2);
    assertThat(sink.levels()).containsExactly(Level.WARN, Level.ERROR);
  }
}
