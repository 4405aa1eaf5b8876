package dev.correlog.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** What one Logback event becomes: typed key-values, MDC, markers, throwable, its own time. */
class EncodedEventTest {
  @TempDir Path dir;
  private Path file;
  private LoggerContext context;
  private Logger log;

  @BeforeEach
  void configure() throws Exception {
    file = dir.resolve("app.log");
    context = LogbackConfig.configure("logback-test-async.xml", file);
    log = context.getLogger("com.acme.Orders");
  }

  @AfterEach
  void clear() {
    MDC.clear();
  }

  private List<JsonNode> written() throws Exception {
    context.stop();
    return LogbackConfig.lines(file);
  }

  @Test
  void keyValuesTyped_eventNamed_markersAndMdc_namesKept() throws Exception {
    MDC.put("userId", "u-1");
    Instant before = Instant.now();
    log.atInfo()
        .addKeyValue("event", "order.placed")
        .addKeyValue("user_id", 12345)
        .addKeyValue("http.method", "POST")
        .addKeyValue("level", "shadowed")
        .addMarker(MarkerFactory.getMarker("AUDIT"))
        .log("order placed");
    JsonNode line = written().get(0);
    assertThat(line.get("event").asText()).isEqualTo("order.placed");
    assertThat(line.get("user_id").isIntegralNumber()).isTrue();
    assertThat(line.get("http.method").asText()).isEqualTo("POST");
    assertThat(line.get("_level").asText()).isEqualTo("shadowed");
    assertThat(line.get("marker").asText()).isEqualTo("AUDIT");
    assertThat(line.get("userId").asText()).isEqualTo("u-1");
    assertThat(line.get("logger").asText()).isEqualTo("com.acme.Orders");
    assertThat(line.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    Instant at = Instant.parse(line.get("timestamp").asText());
    assertThat(at).isBetween(before.minusMillis(1), Instant.now());
  }

  @Test
  void theThrowable_withCausesAndSuppressed() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom", new RuntimeException("root"));
    boom.addSuppressed(new IllegalArgumentException("also"));
    log.error("failed {}", 42, boom);
    JsonNode line = written().get(0);
    assertThat(line.get("level").asText()).isEqualTo("ERROR");
    assertThat(line.get("message").asText()).isEqualTo("failed 42");
    String error = line.get("error").toString();
    assertThat(error).contains("IllegalStateException", "boom", "root", "also");
  }

  @Test
  void idsWrittenByOpenTelemetrysMdcInstrumentation_areTheLinesIds() throws Exception {
    MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    MDC.put("span_id", "00f067aa0ba902b7");
    MDC.put("trace_flags", "01");
    log.info("inside an OpenTelemetry span");
    MDC.put("trace_id", "not-hex");
    log.info("invalid ids: a context of its own, never a bad line");
    List<JsonNode> lines = written();
    assertThat(lines.get(0).get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(lines.get(0).get("span_id").asText()).isEqualTo("00f067aa0ba902b7");
    assertThat(lines.get(1).get("trace_id").asText())
        .isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736")
        .hasSize(32);
  }

  @Test
  void eachLine_carriesItsOwnRequestsIds_whenRequestsAlternate() throws Exception {
    String traceA = "4bf92f3577b34da6a3ce929d0e0e4736";
    String traceB = "0af7651916cd43dd8448eb211c80319c";
    request(traceA, "00f067aa0ba902b7", "req-a");
    log.info("a");
    request(traceB, "b7ad6b7169203331", "req-b");
    log.info("b");
    request(traceA, "00f067aa0ba902b7", "req-a");
    log.info("a again");
    request(traceA, "00f067aa0ba902b8", "req-a"); // a child span of the same trace
    log.info("a, another span");
    request(traceA, "00f067aa0ba902b8", "req-a2");
    log.info("a, another request id");
    List<JsonNode> lines = written();
    assertIds(lines.get(0), traceA, "00f067aa0ba902b7", "req-a");
    assertIds(lines.get(1), traceB, "b7ad6b7169203331", "req-b");
    assertIds(lines.get(2), traceA, "00f067aa0ba902b7", "req-a");
    assertIds(lines.get(3), traceA, "00f067aa0ba902b8", "req-a");
    assertIds(lines.get(4), traceA, "00f067aa0ba902b8", "req-a2");
  }

  @Test
  void markersWithReferences_areJoined() throws Exception {
    Marker audit = MarkerFactory.getDetachedMarker("AUDIT");
    audit.add(MarkerFactory.getDetachedMarker("PII"));
    log.atInfo()
        .addMarker(audit)
        .addMarker(MarkerFactory.getDetachedMarker("BILLING"))
        .log("two markers");
    log.info(audit, "one marker with a reference");
    List<JsonNode> lines = written();
    assertThat(lines.get(0).get("marker").asText()).isEqualTo("AUDIT,PII,BILLING");
    assertThat(lines.get(1).get("marker").asText()).isEqualTo("AUDIT,PII");
  }

  private static void request(String traceId, String spanId, String requestId) {
    // new String: equal values in new instances, as a new MDC map of the same request holds them
    MDC.put("trace_id", new String(traceId));
    MDC.put("span_id", spanId);
    MDC.put("request_id", requestId);
  }

  private static void assertIds(JsonNode line, String traceId, String spanId, String requestId) {
    assertThat(line.get("trace_id").asText()).isEqualTo(traceId);
    assertThat(line.get("span_id").asText()).isEqualTo(spanId);
    assertThat(line.get("request_id").asText()).isEqualTo(requestId);
  }
}
