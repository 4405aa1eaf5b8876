package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaMode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The encoder entry point as the Logback encoder will call it: lines handed back as bytes or
 * written to a stream, with the same envelope and rules as lines that go to the sink, parsed back
 * and validated against the exported JSON Schema.
 */
class EventEncoderTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final CollectingSink sink = new CollectingSink();
  private final Correlog correlog =
      Lines.builder(sink).environment("prod").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  private final JsonSchema schema =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(correlog.toJsonSchema());

  private JsonNode parse(byte[] bytes) {
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  private JsonNode parse(String raw) {
    assertThat(raw).endsWith("\n");
    assertThat(raw.substring(0, raw.length() - 1)).doesNotContain("\n", "\r");
    try {
      JsonNode node = Lines.JSON.readTree(raw);
      assertThat(schema.validate(node)).as("schema validation of %s", raw).isEmpty();
      return node;
    } catch (java.io.IOException e) {
      throw new AssertionError("not valid JSON: " + raw, e);
    }
  }

  @Test
  void aLoggingEvent_becomesOneLine_withItsOwnTimeThreadContextAndFields() {
    TraceContext captured = TraceContext.newRoot("req-9").withSampled(true).newChild();
    TraceContext other = TraceContext.newRoot("req-other").newChild();
    byte[] bytes;
    try (Scope s = other.attach()) {
      bytes =
          correlog
              .encoder()
              .begin(Level.ERROR, "log", "com.acme.Orders", captured)
              .fieldNames(FieldNamePolicy.KEEP)
              .timestampMicros(1_744_813_381_123_456L)
              .thread("main")
              .field("userId", 42)
              .field("level", "shadowed")
              .message("payment failed")
              .error(new IllegalStateException("card declined"))
              .toBytes();
    }
    JsonNode line = parse(bytes);
    assertThat(Lines.fieldNames(line))
        .startsWith(
            "timestamp",
            "level",
            "service",
            "version",
            "trace_id",
            "span_id",
            "request_id",
            "event",
            "parent_span_id",
            "logger",
            "thread",
            "environment",
            "message",
            "error");
    assertThat(line.get("timestamp").asText()).isEqualTo("2025-04-16T14:23:01.123456Z");
    assertThat(line.get("level").asText()).isEqualTo("ERROR");
    assertThat(line.get("trace_id").asText()).isEqualTo(captured.traceIdHex());
    assertThat(line.get("span_id").asText()).isEqualTo(captured.spanIdHex());
    assertThat(line.get("request_id").asText()).isEqualTo("req-9");
    assertThat(line.get("logger").asText()).isEqualTo("com.acme.Orders");
    assertThat(line.get("thread").asText()).isEqualTo("main");
    assertThat(line.get("environment").asText()).isEqualTo("prod");
    assertThat(line.get("userId").asInt()).isEqualTo(42);
    assertThat(line.get("_level").asText()).isEqualTo("shadowed");
    assertThat(line.get("error").get("type").asText())
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(sink.rawLines()).as("handed back, not sent to the sink").isEmpty();
    assertThat(correlog.counters().emitted()).isZero();
  }

  @Test
  void theSameEvent_encodesToTheSameLineAsTheSinkGets() throws Exception {
    TraceContext ctx = TraceContext.newRoot("req-1").withSampled(true).newChild();
    Instant at = Instant.parse("2025-04-16T14:23:01.5Z");
    correlog
        .logger("com.acme.Orders")
        .at(Level.INFO, "order.placed", ctx)
        .timestamp(at)
        .thread("worker")
        .field("user_id", 1)
        .field("amount", 9.5)
        .message("placed")
        .emit();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    correlog
        .encoder()
        .begin(Level.INFO, "order.placed", "com.acme.Orders", ctx)
        .timestamp(at)
        .thread("worker")
        .field("user_id", 1)
        .field("amount", 9.5)
        .message("placed")
        .writeTo(out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(sink.rawLines().get(0));
    parse(out.toByteArray());
  }

  @Test
  void linesAreNotSampled_andEmitStillGoesToTheSink() {
    Correlog c = Lines.builder(sink).headRatio(0).build();
    TraceContext unsampled = TraceContext.newRoot().withSampled(false);
    EventEncoder.Line line = c.encoder().begin(Level.DEBUG, "quiet", "t", unsampled);
    assertThat(line.isEnabled()).isTrue();
    assertThat(parse(line.toBytes()).get("level").asText()).isEqualTo("DEBUG");
    c.encoder().begin(Level.INFO, "to.sink", "t", null).field("n", 1).emit();
    assertThat(Lines.single(c, sink).get("event").asText()).isEqualTo("to.sink");
  }

  @Test
  void nullAndEmptyNames_haveTheirDocumentedOutcome() {
    EventEncoder encoder = correlog.encoder();
    JsonNode a = parse(encoder.begin(null, null, null, null).message(null).toBytes());
    assertThat(a.get("level").asText()).isEqualTo("INFO");
    assertThat(a.get("event").asText()).isEqualTo("log");
    assertThat(a.get("logger").asText()).isEqualTo("root");
    assertThat(a.has("message")).isFalse();
    assertThat(a.get("request_id").asText()).isEqualTo(a.get("trace_id").asText()); // fresh root
    JsonNode b = parse(encoder.begin(Level.WARN, "", "", null).message("").toBytes());
    assertThat(b.get("event").asText()).isEqualTo("log");
    assertThat(b.get("logger").asText()).isEqualTo("root");
    assertThat(b.get("message").asText()).isEmpty();
    JsonNode c = parse(encoder.begin(Level.INFO, "Odd Event \"name\"", "a logger", null).toBytes());
    assertThat(c.get("event").asText()).isEqualTo("Odd Event \"name\"");
    assertThat(c.get("logger").asText()).isEqualTo("a logger");
  }

  @Test
  void inStrictMode_aLineNeverThrows_evenWithStrictNames() {
    Correlog c =
        Lines.builder(sink)
            .schemaMode(SchemaMode.STRICT)
            .schema(EventSchema.named("order.placed").requiredLong("user_id"))
            .build();
    byte[] bytes =
        c.encoder().begin(Level.INFO, "order.placed", "t", null).field("userId", 1).toBytes();
    JsonNode line = Lines.JSON.valueToTree(parseLoosely(bytes));
    assertThat(line.get("schema_errors").toString()).contains("userId").contains("user_id");
    assertThat(c.counters().schemaViolations()).isEqualTo(1);
  }

  private static Map<?, ?> parseLoosely(byte[] bytes) {
    try {
      return Lines.JSON.readValue(bytes, Map.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anEndedLine_isNotWrittenAgain() throws Exception {
    EventEncoder.Line line = correlog.encoder().begin(Level.INFO, "once", "t", null);
    byte[] first = line.toBytes();
    assertThat(first).isNotEmpty();
    assertThat(line.toBytes()).isEmpty();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    line.writeTo(out);
    line.emit();
    assertThat(out.size()).isZero();
    assertThat(sink.rawLines()).isEmpty();
  }

  @Test
  void aLineStartedWhileAnotherIsOpen_onTheSameThread_isIndependent() {
    EventEncoder encoder = correlog.encoder();
    EventEncoder.Line outer = encoder.begin(Level.INFO, "outer", "t", null).field("a", 1);
    byte[] inner = encoder.begin(Level.INFO, "inner", "t", null).field("b", 2).toBytes();
    JsonNode o = parse(outer.field("c", 3).toBytes());
    JsonNode i = parse(inner);
    assertThat(Lines.fieldNames(o)).contains("a", "c").doesNotContain("b");
    assertThat(Lines.fieldNames(i)).contains("b").doesNotContain("a", "c");
  }

  /** Eight appender threads share one encoder; each event keeps its own context and thread. */
  @Test
  void oneEncoder_manyThreads_eachLineKeepsItsOwnContext() throws Exception {
    EventEncoder encoder = correlog.encoder();
    int threads = 8;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    Map<String, String> expected = new ConcurrentHashMap<>(); // request id -> trace id
    List<Future<List<byte[]>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int id = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<byte[]> lines = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    TraceContext ctx = TraceContext.newRoot("req-" + id + "-" + i).newChild();
                    expected.put(ctx.requestId(), ctx.traceIdHex());
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    encoder
                        .begin(Level.INFO, "log", "logger-" + id, ctx)
                        .thread("caller-" + id)
                        .fieldNames(FieldNamePolicy.KEEP)
                        .field("seq", i)
                        .field("threadNo", id)
                        .writeTo(out);
                    lines.add(out.toByteArray());
                  }
                  return lines;
                }));
      }
      start.countDown();
      int seen = 0;
      for (int t = 0; t < threads; t++) {
        List<byte[]> lines = results.get(t).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < lines.size(); i++) {
          JsonNode line = parse(lines.get(i));
          String requestId = line.get("request_id").asText();
          assertThat(requestId).isEqualTo("req-" + t + "-" + i);
          assertThat(line.get("trace_id").asText()).isEqualTo(expected.get(requestId));
          assertThat(line.get("thread").asText()).isEqualTo("caller-" + t);
          assertThat(line.get("logger").asText()).isEqualTo("logger-" + t);
          assertThat(line.get("threadNo").asInt()).isEqualTo(t);
          assertThat(line.get("seq").asInt()).isEqualTo(i);
          seen++;
        }
      }
      assertThat(seen).isEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }
}
