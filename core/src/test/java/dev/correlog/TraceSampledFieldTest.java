package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sampling.ErrorFlush;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A line tells whether its trace was head-sampled: {@code "trace_sampled":false} on every line of a
 * trace that was not (kept by level, by a rule, by error flush, or encoded by a bridge), nothing on
 * the lines of a sampled trace. Every line is validated against the exported JSON Schema.
 */
class TraceSampledFieldTest {
  private final CollectingSink sink = new CollectingSink();

  /** A local root (undecided) whose trace id the head ratio {@code p} keeps, or drops. */
  static TraceContext undecided(double p, boolean kept) {
    long bound = (long) (p * Long.MAX_VALUE);
    return SamplingTest.traces(1000).stream()
        .filter(t -> (Math.abs(t.traceIdLow()) < bound) == kept)
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, JsonNode> byEvent(List<JsonNode> lines) {
    java.util.LinkedHashMap<String, JsonNode> m = new java.util.LinkedHashMap<>();
    for (JsonNode n : lines) {
      assertThat(m.put(n.get("event").asText(), n)).as("one line per event").isNull();
    }
    return m;
  }

  private static boolean saysUnsampled(JsonNode n) {
    if (!n.has("trace_sampled")) {
      return false;
    }
    assertThat(n.get("trace_sampled").isBoolean()).isTrue();
    assertThat(n.get("trace_sampled").booleanValue()).isFalse();
    return true;
  }

  @Test
  void sampledTraces_carryNothingNew_unsampledOnesSaySo() {
    Correlog c = Lines.builder(sink).headRatio(1.0).build();
    EventLogger log = c.logger("t");
    try (Scope s = TraceContext.newRoot().withSampled(true).attach()) {
      log.info("sampled.info").emit();
      log.warn("sampled.warn").emit();
    }
    try (Scope s = TraceContext.newRoot().withSampled(false).attach()) {
      log.info("unsampled.info").emit(); // dropped
      log.warn("unsampled.warn").emit();
      log.error("unsampled.error").emit();
    }
    Map<String, JsonNode> lines = byEvent(Lines.parse(c, sink));
    assertThat(lines)
        .containsOnlyKeys("sampled.info", "sampled.warn", "unsampled.warn", "unsampled.error");
    assertThat(saysUnsampled(lines.get("sampled.info"))).isFalse();
    assertThat(saysUnsampled(lines.get("sampled.warn"))).isFalse();
    assertThat(saysUnsampled(lines.get("unsampled.warn"))).isTrue();
    assertThat(saysUnsampled(lines.get("unsampled.error"))).isTrue();
    String raw = sink.rawLines().get(2);
    assertThat(raw).contains(",\"thread\":\"main\",\"trace_sampled\":false}");
    assertThat(sink.rawLines().get(0)).doesNotContain("trace_sampled");
  }

  @Test
  void anUndecidedTrace_isJudgedByTheHeadRatio_asDecideWould() {
    Correlog c = Lines.builder(sink).headRatio(0.25).build();
    EventLogger log = c.logger("t");
    TraceContext in = undecided(0.25, true);
    TraceContext out = undecided(0.25, false);
    assertThat(c.decide(in).isSampled()).isTrue();
    assertThat(c.decide(out).isSampled()).isFalse();
    try (Scope s = in.attach()) {
      log.warn("in.warn").emit();
    }
    try (Scope s = out.attach()) {
      log.warn("out.warn").emit();
    }
    log.warn("outside.warn").emit(); // no trace: its own one-line trace, nothing missing
    Map<String, JsonNode> lines = byEvent(Lines.parse(c, sink));
    assertThat(saysUnsampled(lines.get("in.warn"))).isFalse();
    assertThat(saysUnsampled(lines.get("out.warn"))).isTrue();
    assertThat(saysUnsampled(lines.get("outside.warn"))).isFalse();
  }

  @Test
  void linesKeptByARule_inAnUnsampledTrace_sayIt_andKeepTheirRate() {
    Correlog c =
        Lines.builder(sink)
            .headRatio(0.0)
            .eventRule("payment.*", 1.0)
            .eventRule("poll", 0.5)
            .build();
    EventLogger log = c.logger("t");
    TraceContext keptByHalf = undecided(0.5, true);
    try (Scope s = keptByHalf.withSampled(false).attach()) {
      log.info("payment.captured").emit();
      log.info("poll").emit();
    }
    try (Scope s = keptByHalf.withSampled(true).attach()) {
      log.info("payment.refunded").emit();
    }
    Map<String, JsonNode> lines = byEvent(Lines.parse(c, sink));
    assertThat(saysUnsampled(lines.get("payment.captured"))).isTrue();
    assertThat(lines.get("payment.captured").has("sample_rate")).isFalse();
    assertThat(saysUnsampled(lines.get("poll"))).isTrue();
    assertThat(lines.get("poll").get("sample_rate").doubleValue()).isEqualTo(2.0);
    assertThat(saysUnsampled(lines.get("payment.refunded"))).isFalse();
  }

  @Test
  void errorFlush_writesTheHeldLinesAndTheError_allMarkedUnsampled() {
    Correlog c = Lines.builder(sink).headRatio(0.0).errorFlush(ErrorFlush.defaults()).build();
    EventLogger log = c.logger("t");
    try (Scope s = TraceContext.newRoot().attach()) { // undecided, ratio 0: not sampled
      log.info("held.one").emit();
      log.debug("below.level").emit(); // below INFO: not even held
      log.error("the.error").emit();
    }
    try (Scope s = TraceContext.newRoot().withSampled(true).attach()) {
      log.error("sampled.error").emit();
    }
    List<JsonNode> lines = Lines.parse(c, sink);
    assertThat(lines)
        .extracting(n -> n.get("event").asText())
        .containsExactly("held.one", "the.error", "sampled.error");
    assertThat(lines.get(0).get("sampled_by").asText()).isEqualTo("error_flush");
    assertThat(saysUnsampled(lines.get(0))).isTrue();
    assertThat(saysUnsampled(lines.get(1))).isTrue();
    assertThat(saysUnsampled(lines.get(2))).isFalse();
    assertThat(sink.rawLines().get(0))
        .contains(",\"trace_sampled\":false,\"sampled_by\":\"error_flush\"");
  }

  @Test
  void encoderLines_ofAnUnsampledContext_sayIt() throws Exception {
    Correlog c = Lines.builder(sink).headRatio(0.25).build();
    EventEncoder enc = c.encoder();
    TraceContext notSampled = TraceContext.newRoot().withSampled(false);
    write(enc.begin(Level.INFO, "enc.unsampled", "l", notSampled).message("m").toBytes());
    write(enc.begin(Level.INFO, "enc.sampled", "l", notSampled.withSampled(true)).toBytes());
    write(enc.begin(Level.INFO, "enc.undecided.out", "l", undecided(0.25, false)).toBytes());
    write(enc.begin(Level.INFO, "enc.undecided.in", "l", undecided(0.25, true)).toBytes());
    write(enc.begin(Level.INFO, "enc.none", "l", null).toBytes());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    enc.begin(Level.WARN, "enc.stream", "l", notSampled).writeTo(out);
    write(out.toByteArray());
    Map<String, JsonNode> lines = byEvent(Lines.parse(c, sink));
    assertThat(saysUnsampled(lines.get("enc.unsampled"))).isTrue();
    assertThat(saysUnsampled(lines.get("enc.sampled"))).isFalse();
    assertThat(saysUnsampled(lines.get("enc.undecided.out"))).isTrue();
    assertThat(saysUnsampled(lines.get("enc.undecided.in"))).isFalse();
    assertThat(saysUnsampled(lines.get("enc.none"))).isFalse();
    assertThat(saysUnsampled(lines.get("enc.stream"))).isTrue();
    // Encoder lines are not sampled: no sample_rate, whatever the ratio.
    assertThat(lines.values()).noneMatch(n -> n.has("sample_rate"));
  }

  private void write(byte[] line) throws java.io.IOException {
    sink.write(Level.INFO, line, 0, line.length);
  }

  @Test
  void theSchema_acceptsOnlyFalse_andAUserFieldCannotTakeTheName() {
    Correlog c = Lines.builder(sink).build();
    try (Scope s = TraceContext.newRoot().withSampled(true).attach()) {
      c.logger("t").warn("x").field("trace_sampled", true).emit();
    }
    JsonNode line = Lines.single(c, sink);
    assertThat(line.has("trace_sampled")).isFalse(); // reserved: not written as a user field
    assertThat(line.get("schema_errors").toString()).contains("trace_sampled");
    com.networknt.schema.JsonSchema schema =
        com.networknt.schema.JsonSchemaFactory.getInstance(
                com.networknt.schema.SpecVersion.VersionFlag.V202012)
            .getSchema(c.toJsonSchema());
    com.fasterxml.jackson.databind.node.ObjectNode forged = line.deepCopy();
    forged.remove("schema_errors");
    forged.put("trace_sampled", true);
    assertThat(schema.validate(forged)).isNotEmpty();
    forged.put("trace_sampled", false);
    assertThat(schema.validate(forged)).isEmpty();
    assertThat(c.toIndexTemplate("logs-*")).contains("\"trace_sampled\"");
  }
}
