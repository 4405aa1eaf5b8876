package dev.correlog.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.correlog.Correlog;
import dev.correlog.context.Scope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every contender writes the same data for the order line, so the benchmarks compare equal work.
 * The data is compared, not the layout: where a peer nests or types a value differently, the test
 * reads it from there (see {@link #fromLogbackJsonEncoder}).
 */
class EquivalentLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the comparison covers, besides {@code timestamp} (checked for presence and form). */
  private static final List<String> DATA =
      List.of(
          "level",
          "service",
          "version",
          "trace_id",
          "span_id",
          "request_id",
          "event",
          "logger",
          "thread",
          "message",
          "user_id",
          "order_id",
          "amount",
          "currency",
          "country",
          "express");

  private static final List<String> USER_FIELDS =
      List.of("event", "user_id", "order_id", "amount", "currency", "country", "express");

  /** RFC 3339 UTC with microseconds, as Correlog writes it. */
  private static final String MICROS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

  @Test
  void correlogLine_carriesTheEnvelopeAndTheSixFields() throws Exception {
    ObjectNode line = correlogLine();
    assertThat(line.get("timestamp").asText()).matches(MICROS);
    assertThat(data(line).keySet()).containsExactlyInAnyOrderElementsOf(DATA);
    assertThat(line.get("user_id").isIntegralNumber()).isTrue();
    assertThat(line.get("amount").isDouble()).isTrue();
    assertThat(line.get("express").isBoolean()).isTrue();
    assertThat(line.get("trace_id").asText()).isEqualTo(Fixture.REQUEST.traceIdHex());
  }

  @Test
  void logstashEncoder_writesTheSameDataAsCorrelog() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ch.qos.logback.classic.LoggerContext ctx = LogstashEncoderBenchmark.context(out, false);
    LogbackSetup.enter(Fixture.REQUEST);
    try {
      LogstashEncoderBenchmark.info(ctx.getLogger(Fixture.LOGGER));
    } finally {
      LogbackSetup.exit();
      ctx.stop();
    }
    ObjectNode line = onlyLine(out);
    assertThat(line.get("timestamp").asText()).matches(MICROS);
    // Same names and JSON types, in another order; it also writes no "@version"/"level_value"
    // because they are switched off, like a team wanting one schema would.
    assertThat(data(line)).isEqualTo(data(correlogLine()));
  }

  @Test
  void log4j2JsonTemplateLayout_writesTheSameDataAsCorrelog() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    org.apache.logging.log4j.core.LoggerContext ctx = Log4j2Setup.context(out, false);
    Log4j2Setup.enter(Fixture.REQUEST);
    try {
      Log4j2JsonTemplateBenchmark.info(ctx.getLogger(Fixture.LOGGER));
    } finally {
      Log4j2Setup.exit();
      ctx.stop();
    }
    ObjectNode line = onlyLine(out);
    assertThat(line.get("timestamp").asText()).matches(MICROS);
    // The map message's entries are flattened into the line, sorted by key.
    assertThat(data(line)).isEqualTo(data(correlogLine()));
  }

  @Test
  void logbackJsonEncoder_writesTheSameDataAsCorrelog_inItsOwnLayout() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ch.qos.logback.classic.LoggerContext ctx = LogbackJsonEncoderBenchmark.context(out, false);
    LogbackSetup.enter(Fixture.REQUEST);
    try {
      LogbackJsonEncoderBenchmark.info(ctx.getLogger(Fixture.LOGGER));
    } finally {
      LogbackSetup.exit();
      ctx.stop();
    }
    ObjectNode line = onlyLine(out);
    assertThat(fromLogbackJsonEncoder(line)).isEqualTo(asText(data(correlogLine())));
  }

  @Test
  void disabledAndSampledOutEvents_writeNothing() throws Exception {
    CorrelogBenchmark correlog = new CorrelogBenchmark();
    CorrelogBenchmark.Sampled cs = new CorrelogBenchmark.Sampled();
    cs.setUp();
    correlog.debugDisabled(cs);
    cs.tearDown();
    CorrelogBenchmark.Unsampled cu = new CorrelogBenchmark.Unsampled();
    cu.setUp();
    correlog.sampledOut(cu);
    cu.tearDown();
    assertThat(cs.sink.bytes + cu.sink.bytes).isZero();
    assertThat(cu.correlog.counters().sampledOut()).isEqualTo(1);

    LogstashEncoderBenchmark logstash = new LogstashEncoderBenchmark();
    LogstashEncoderBenchmark.Sampled ls = new LogstashEncoderBenchmark.Sampled();
    ls.setUp();
    logstash.debugDisabled(ls);
    logstash.debugDisabledGuarded(ls);
    ls.tearDown();
    LogstashEncoderBenchmark.Unsampled lu = new LogstashEncoderBenchmark.Unsampled();
    lu.setUp();
    logstash.sampledOut(lu);
    logstash.sampledOutGuarded(lu);
    lu.tearDown();
    assertThat(ls.out.bytes + lu.out.bytes).isZero();

    LogbackJsonEncoderBenchmark logback = new LogbackJsonEncoderBenchmark();
    LogbackJsonEncoderBenchmark.Sampled js = new LogbackJsonEncoderBenchmark.Sampled();
    js.setUp();
    logback.debugDisabled(js);
    logback.debugDisabledGuarded(js);
    js.tearDown();
    LogbackJsonEncoderBenchmark.Unsampled ju = new LogbackJsonEncoderBenchmark.Unsampled();
    ju.setUp();
    logback.sampledOut(ju);
    logback.sampledOutGuarded(ju);
    ju.tearDown();
    assertThat(js.out.bytes + ju.out.bytes).isZero();

    Log4j2JsonTemplateBenchmark log4j2 = new Log4j2JsonTemplateBenchmark();
    Log4j2JsonTemplateBenchmark.Sampled ts = new Log4j2JsonTemplateBenchmark.Sampled();
    ts.setUp();
    log4j2.debugDisabled(ts);
    log4j2.debugDisabledGuarded(ts);
    log4j2.debugDisabledSupplier(ts);
    ts.tearDown();
    Log4j2JsonTemplateBenchmark.Unsampled tu = new Log4j2JsonTemplateBenchmark.Unsampled();
    tu.setUp();
    log4j2.sampledOut(tu);
    log4j2.sampledOutGuarded(tu);
    tu.tearDown();
    assertThat(ts.out.bytes + tu.out.bytes).isZero();
  }

  @Test
  void theSampledStates_doWrite() throws Exception {
    // The control for the test above: the same states, at INFO in a sampled request, write.
    CorrelogBenchmark.Sampled cs = new CorrelogBenchmark.Sampled();
    cs.setUp();
    new CorrelogBenchmark().info(cs);
    cs.tearDown();
    LogstashEncoderBenchmark.Sampled ls = new LogstashEncoderBenchmark.Sampled();
    ls.setUp();
    new LogstashEncoderBenchmark().info(ls);
    ls.tearDown();
    LogbackJsonEncoderBenchmark.Sampled js = new LogbackJsonEncoderBenchmark.Sampled();
    js.setUp();
    new LogbackJsonEncoderBenchmark().info(js);
    js.tearDown();
    Log4j2JsonTemplateBenchmark.Sampled ts = new Log4j2JsonTemplateBenchmark.Sampled();
    ts.setUp();
    new Log4j2JsonTemplateBenchmark().info(ts);
    ts.tearDown();
    assertThat(List.of(cs.sink.bytes, ls.out.bytes, js.out.bytes, ts.out.bytes))
        .allMatch(bytes -> bytes > 100);
  }

  private static ObjectNode correlogLine() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Correlog correlog =
        CorrelogBenchmark.correlog((level, line, off, len) -> out.write(line, off, len), 1.0);
    try (Scope scope = Fixture.REQUEST.attach()) {
      CorrelogBenchmark.info(correlog.logger(Fixture.LOGGER));
    } finally {
      correlog.close();
    }
    return onlyLine(out);
  }

  /**
   * Logback's JsonEncoder has a fixed layout: {@code timestamp} is epoch milliseconds (with a
   * separate {@code nanoseconds}), {@code threadName}/{@code loggerName}, service and version are
   * context properties under {@code context.properties}, the MDC is nested under {@code mdc}, and
   * the key-value pairs are a {@code kvpList} array of one-entry objects whose values are all
   * strings. This reads the same data back out of it, as text.
   */
  private static Map<String, String> fromLogbackJsonEncoder(ObjectNode line) {
    assertThat(line.get("timestamp").isIntegralNumber()).isTrue();
    assertThat(line.has("nanoseconds")).isTrue();
    Map<String, String> data = new java.util.TreeMap<>();
    data.put("level", line.get("level").asText());
    data.put("logger", line.get("loggerName").asText());
    data.put("thread", line.get("threadName").asText());
    data.put("message", line.get("message").asText());
    JsonNode properties = line.get("context").get("properties");
    data.put("service", properties.get("service").asText());
    data.put("version", properties.get("version").asText());
    JsonNode mdc = line.get("mdc");
    for (String key : List.of("trace_id", "span_id", "request_id")) {
      data.put(key, mdc.get(key).asText());
    }
    for (JsonNode pair : line.get("kvpList")) {
      Map.Entry<String, JsonNode> e = pair.fields().next();
      assertThat(e.getValue().isTextual()).as("kvpList values are strings").isTrue();
      data.put(e.getKey(), e.getValue().asText());
    }
    assertThat(data.keySet()).containsAll(USER_FIELDS);
    return data;
  }

  /** The fields of {@link #DATA} the line has, with their JSON values. */
  private static Map<String, JsonNode> data(ObjectNode line) {
    Map<String, JsonNode> data = new java.util.TreeMap<>();
    for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (DATA.contains(name)) {
        data.put(name, line.get(name));
      }
    }
    return data;
  }

  private static Map<String, String> asText(Map<String, JsonNode> data) {
    Map<String, String> text = new java.util.TreeMap<>();
    data.forEach((k, v) -> text.put(k, v.asText()));
    return text;
  }

  private static ObjectNode onlyLine(ByteArrayOutputStream out) throws Exception {
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    String[] lines = text.split("\n");
    assertThat(lines).hasSize(1);
    return (ObjectNode) JSON.readTree(lines[0]);
  }
}
