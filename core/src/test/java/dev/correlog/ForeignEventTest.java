package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An event that did not happen on this thread, now: written the way the SLF4J provider will call
 * the builder (its own time, thread, context captured on the logging thread, key-value pairs and an
 * MDC map with the names users give them, a throwable). Every line is parsed back and validated
 * against the exported JSON Schema.
 */
class ForeignEventTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.000001Z");
  private final CollectingSink sink = new CollectingSink();
  private final Correlog correlog =
      Lines.builder(sink).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  private final EventLogger log = correlog.logger("com.acme.Orders");

  @Test
  void anEventFromElsewhere_carriesItsOwnTimeThreadContextAndNames() {
    TraceContext captured = TraceContext.newRoot("req-captured").withSampled(true).newChild();
    TraceContext other = TraceContext.newRoot("req-other").withSampled(true).newChild();
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("tenantId", "acme");
    mdc.put("http.method", "POST");
    mdc.put("trace_id", "from-the-mdc");
    IllegalStateException cause = new IllegalStateException("db down");
    RuntimeException error = new RuntimeException("order failed", cause);
    error.addSuppressed(new IllegalArgumentException("retry failed"));

    try (Scope s = other.attach()) {
      EventBuilder b =
          log.at(Level.WARN, "order.failed", captured)
              .fieldNames(FieldNamePolicy.KEEP)
              .timestamp(Instant.parse("2025-04-16T14:23:01.123456789Z"))
              .thread("http-nio-8080-exec-7")
              .field("userId", 12345)
              .field("amount", 99.99);
      mdc.forEach(b::field);
      b.message("order failed").error(error).emit();
    }

    JsonNode line = Lines.single(correlog, sink);
    assertThat(line.get("timestamp").asText()).isEqualTo("2025-04-16T14:23:01.123456Z");
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.get("thread").asText()).isEqualTo("http-nio-8080-exec-7");
    assertThat(line.get("trace_id").asText()).isEqualTo(captured.traceIdHex());
    assertThat(line.get("span_id").asText()).isEqualTo(captured.spanIdHex());
    assertThat(line.get("parent_span_id").asText()).isEqualTo(captured.parentSpanIdHex());
    assertThat(line.get("request_id").asText()).isEqualTo("req-captured");
    assertThat(line.get("event").asText()).isEqualTo("order.failed");
    assertThat(line.get("logger").asText()).isEqualTo("com.acme.Orders");
    assertThat(line.get("message").asText()).isEqualTo("order failed");
    assertThat(line.get("userId").asLong()).isEqualTo(12345);
    assertThat(line.get("amount").asDouble()).isEqualTo(99.99);
    assertThat(line.get("tenantId").asText()).isEqualTo("acme");
    assertThat(line.get("http.method").asText()).isEqualTo("POST");
    assertThat(line.get("_trace_id").asText()).isEqualTo("from-the-mdc");
    assertThat(line.get("error").get("type").asText()).isEqualTo(RuntimeException.class.getName());
    assertThat(line.get("error").get("message").asText()).isEqualTo("order failed");
    assertThat(line.get("error").get("stack").asText())
        .contains("Caused by: java.lang.IllegalStateException: db down")
        .contains("Suppressed: java.lang.IllegalArgumentException: retry failed");
    assertThat(line.has("schema_errors")).isFalse();
    assertThat(correlog.counters().schemaViolations()).isZero();
  }

  @Test
  void aContextCapturedOnTheLoggingThread_isWrittenFromAnotherThread() throws Exception {
    TraceContext captured = TraceContext.newRoot("req-1").withSampled(true).newChild();
    Instant at = Instant.parse("2026-01-02T03:04:05.678901Z");
    String loggingThread = Thread.currentThread().getName();
    ExecutorService appender = Executors.newSingleThreadExecutor(r -> new Thread(r, "appender"));
    try {
      appender
          .submit(
              () ->
                  log.at(Level.INFO, "log", captured)
                      .timestamp(at)
                      .thread(loggingThread)
                      .message("hello")
                      .emit())
          .get(10, TimeUnit.SECONDS);
    } finally {
      appender.shutdownNow();
    }
    JsonNode line = Lines.single(correlog, sink);
    assertThat(line.get("trace_id").asText()).isEqualTo(captured.traceIdHex());
    assertThat(line.get("request_id").asText()).isEqualTo("req-1");
    assertThat(line.get("thread").asText()).isEqualTo(loggingThread);
    assertThat(line.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05.678901Z");
  }

  @Test
  void samplingIsDecidedFromTheGivenContext_notTheCallingThreads() {
    TraceContext unsampled = TraceContext.newRoot().withSampled(false);
    TraceContext sampled = TraceContext.newRoot().withSampled(true);
    try (Scope s = sampled.attach()) {
      assertThat(log.at(Level.INFO, "x", unsampled).isEnabled()).isFalse();
      EventBuilder inCurrent = log.at(Level.INFO, "x");
      assertThat(inCurrent.isEnabled()).isTrue();
      inCurrent.emit();
    }
    try (Scope s = unsampled.attach()) {
      EventBuilder b = log.at(Level.INFO, "kept", sampled);
      assertThat(b.isEnabled()).isTrue();
      b.emit();
      assertThat(log.at(Level.INFO, "x").isEnabled()).isFalse();
      // Always-keep levels are kept whatever the context says.
      log.at(Level.WARN, "warned", unsampled).emit();
    }
    List<JsonNode> lines = Lines.parse(correlog, sink);
    assertThat(lines)
        .extracting(l -> l.get("event").asText())
        .containsExactly("x", "kept", "warned");
    assertThat(lines.get(1).get("trace_id").asText()).isEqualTo(sampled.traceIdHex());
    assertThat(lines.get(2).get("trace_id").asText()).isEqualTo(unsampled.traceIdHex());
    assertThat(correlog.counters().sampledOut()).isEqualTo(2);
  }

  @Test
  void errorFlush_holdsAndFlushesByTheGivenContext() {
    CollectingSink flushed = new CollectingSink();
    Correlog c =
        Lines.builder(flushed)
            .headRatio(0.0)
            .errorFlush(dev.correlog.sampling.ErrorFlush.defaults())
            .build();
    EventLogger bridged = c.logger("bridge");
    TraceContext request = TraceContext.newRoot("req-held");
    TraceContext unrelated = TraceContext.newRoot("req-unrelated");
    try (Scope s = unrelated.attach()) {
      bridged.at(Level.INFO, "step", request).thread("worker").emit(); // held for `request`
      bridged.at(Level.ERROR, "other.failed").emit(); // the current request's error: not ours
      assertThat(flushed.rawLines()).hasSize(1);
      bridged.at(Level.ERROR, "failed", request).emit();
    }
    List<JsonNode> lines = Lines.parse(c, flushed);
    assertThat(lines)
        .extracting(l -> l.get("event").asText())
        .containsExactly("other.failed", "step", "failed");
    assertThat(lines.get(1).get("sampled_by").asText()).isEqualTo("error_flush");
    assertThat(lines.get(1).get("request_id").asText()).isEqualTo("req-held");
    assertThat(lines.get(1).get("thread").asText()).isEqualTo("worker");
  }

  @Test
  void aNullContext_isTheCallingThreads() {
    TraceContext current = TraceContext.newRoot("req-current").withSampled(true);
    try (Scope s = current.attach()) {
      log.at(Level.INFO, "x", null).emit();
    }
    assertThat(Lines.single(correlog, sink).get("request_id").asText()).isEqualTo("req-current");
  }

  @Test
  void timestampMicros_isWrittenToTheMicrosecond_andNullMeansTheClock() {
    long micros = 1_744_813_381_123_456L; // 2025-04-16T14:23:01.123456Z
    log.info("a").timestampMicros(micros).emit();
    log.info("b").timestampMicros(-1).emit(); // a microsecond before the epoch
    log.info("c").timestamp(Instant.parse("2020-01-01T00:00:00Z")).timestamp(null).emit();
    log.info("d").emit();
    List<JsonNode> lines = Lines.parse(correlog, sink);
    assertThat(lines.get(0).get("timestamp").asText()).isEqualTo("2025-04-16T14:23:01.123456Z");
    assertThat(lines.get(1).get("timestamp").asText()).isEqualTo("1969-12-31T23:59:59.999999Z");
    assertThat(lines.get(2).get("timestamp").asText()).isEqualTo("2026-12-01T10:00:00.000001Z");
    assertThat(lines.get(3).get("timestamp").asText()).isEqualTo("2026-12-01T10:00:00.000001Z");
  }

  @Test
  void timestampsOutsideYears0To9999_areClamped_andTheLineStaysValid() {
    log.info("far").timestamp(Instant.MAX).emit();
    log.info("early").timestamp(Instant.MIN).emit();
    log.info("max.micros").timestampMicros(Long.MAX_VALUE).emit();
    log.info("min.micros").timestampMicros(Long.MIN_VALUE).emit();
    List<JsonNode> lines = Lines.parse(correlog, sink);
    assertThat(lines.get(0).get("timestamp").asText()).isEqualTo("9999-12-31T23:59:59.999999Z");
    assertThat(lines.get(1).get("timestamp").asText()).isEqualTo("0000-01-01T00:00:00.000000Z");
    assertThat(lines.get(2).get("timestamp").asText()).isEqualTo("9999-12-31T23:59:59.999999Z");
    assertThat(lines.get(3).get("timestamp").asText()).isEqualTo("0000-01-01T00:00:00.000000Z");
  }

  @Test
  void threadNames_escaped_alternating_orOmittedWithNull() {
    log.info("a").thread("worker \"1\"\n").emit();
    log.info("b").thread("worker-2").emit();
    log.info("c").thread(null).emit();
    log.info("d").emit();
    List<JsonNode> lines = Lines.parse(correlog, sink);
    assertThat(lines.get(0).get("thread").asText()).isEqualTo("worker \"1\"\n");
    assertThat(lines.get(1).get("thread").asText()).isEqualTo("worker-2");
    assertThat(lines.get(2).has("thread")).isFalse();
    assertThat(lines.get(3).get("thread").asText()).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void includeThreadFalse_winsOverAnExplicitThread() {
    CollectingSink quiet = new CollectingSink();
    Correlog c = Lines.builder(quiet).includeThread(false).build();
    c.logger("t").info("a").thread("worker-1").emit();
    assertThat(Lines.single(c, quiet).has("thread")).isFalse();
  }

  @Test
  void aDisabledOrSampledOutEvent_ignoresTheNewCalls() {
    EventBuilder b =
        log.debug("off")
            .fieldNames(FieldNamePolicy.KEEP)
            .timestamp(NOW)
            .timestampMicros(1)
            .thread("t")
            .field("userId", 1);
    assertThat(b.isEnabled()).isFalse();
    b.emit();
    assertThat(sink.rawLines()).isEmpty();
  }
}
