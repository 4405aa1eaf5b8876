package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.internal.FieldNames;
import dev.correlog.internal.JsonBuffer;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaMode;
import dev.correlog.schema.SchemaViolationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the JSON writer: any value of any supported type under any field name, in both schema
 * modes. Every line parses with a strict parser (duplicate keys rejected), is at most the cap, ends
 * with exactly one newline, and gives each value back up to the documented replacements (lone
 * surrogates as U+FFFD, strings cut with the marker, fields dropped when the line is full).
 * Regression mode runs the committed corpus; {@code core/fuzz/run} fuzzes.
 */
class WriterFuzzTest {
  static final int CAP = 4096;
  static final int MAX_STRING = 100;
  private static final EventSchema ORDER =
      EventSchema.named("order.placed")
          .requiredLong("user_id")
          .requiredDouble("amount")
          .optionalString("coupon", 32)
          .sensitive("card_number");
  private static final RawSink LENIENT_SINK = new RawSink();
  private static final RawSink STRICT_SINK = new RawSink();
  private static final Correlog LENIENT = build(LENIENT_SINK, SchemaMode.LENIENT);
  private static final Correlog STRICT = build(STRICT_SINK, SchemaMode.STRICT);
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static Correlog build(RawSink sink, SchemaMode mode) {
    return Correlog.builder()
        .service("fuzz")
        .version("1")
        .sink(sink)
        .schemaMode(mode)
        .schema(ORDER)
        .maxLineBytes(CAP)
        .maxStringLength(MAX_STRING)
        .build();
  }

  @FuzzTest(maxDuration = "10m")
  void anyFieldsInBothSchemaModes(FuzzedDataProvider d) {
    boolean strict = d.consumeBoolean();
    RawSink sink = strict ? STRICT_SINK : LENIENT_SINK;
    sink.clear();
    boolean order = d.consumeBoolean();
    EventBuilder e =
        (strict ? STRICT : LENIENT).logger("fuzz").info(order ? "order.placed" : "free");
    Map<String, Object> expected = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    int n = d.consumeInt(0, 60);
    for (int i = 0; i < n; i++) {
      String name = FuzzValues.name(d);
      FuzzValues.Drawn v = FuzzValues.value(d, MAX_STRING);
      e.field(name, v.value());
      boolean first = used.add(name);
      if (first
          && name != null
          && FieldNames.status(name) == FieldNames.VALID
          && !(order && ORDER.fields().containsKey(name))) {
        expected.put(name, v.value() == null ? NULL : v.expected());
      }
    }
    if (d.consumeBoolean()) {
      e.message(d.consumeString(300));
    }
    try {
      e.emit();
    } catch (SchemaViolationException ex) {
      assertThat(strict).as("only strict mode throws").isTrue();
      assertThat(sink.lines()).isEmpty();
      return;
    }
    List<byte[]> lines = sink.lines();
    assertThat(lines).hasSize(1);
    JsonNode line = StrictLines.check(lines.get(0), CAP);
    for (Map.Entry<String, Object> x : expected.entrySet()) {
      JsonNode got = line.get(x.getKey());
      if (got == null) {
        assertThat(line.path("truncated").asBoolean()).as("%s missing", x.getKey()).isTrue();
      } else if (x.getValue() != null) {
        assertReadsBack(x.getKey(), x.getValue(), got);
      }
    }
  }

  private static final Object NULL = new Object();

  static void assertReadsBack(String name, Object want, JsonNode got) {
    String what = "field " + name;
    if (want == NULL) {
      assertThat(got.isNull()).as(what).isTrue();
    } else if (want instanceof String || want instanceof StringBuilder) {
      assertString(what, want.toString(), got.asText());
    } else if (want instanceof Long) {
      assertThat(got.isIntegralNumber()).as(what).isTrue();
      assertThat(got.longValue()).as(what).isEqualTo(want);
    } else if (want instanceof Double) {
      double v = (Double) want;
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        assertThat(got.asText()).as(what).isEqualTo(Double.toString(v));
      } else {
        assertThat(got.decimalValue().doubleValue()).as(what).isEqualTo(v == 0 ? 0.0 : v);
      }
    } else if (want instanceof Float) {
      float v = (Float) want;
      if (Float.isNaN(v) || Float.isInfinite(v)) {
        assertThat(got.asText()).as(what).isEqualTo(Float.toString(v));
      } else {
        assertThat(got.decimalValue().floatValue()).as(what).isEqualTo(v == 0 ? 0.0f : v);
      }
    } else if (want instanceof Boolean) {
      assertThat(got.booleanValue()).as(what).isEqualTo(want);
    } else if (want instanceof Instant) {
      Instant t = (Instant) want;
      boolean rfc =
          t.getEpochSecond() >= -62_167_219_200L && t.getEpochSecond() <= 253_402_300_799L;
      assertThat(got.asText()).as(what).isEqualTo(rfc ? RFC3339.format(t) : t.toString());
    } else if (want instanceof BigInteger) {
      assertThat(got.bigIntegerValue()).as(what).isEqualTo(want);
    } else if (want instanceof BigDecimal) {
      assertThat(got.decimalValue()).as(what).isEqualByComparingTo((BigDecimal) want);
    }
  }

  /** Whole, cut at the string cap, or cut at the line cap, always with the marker when cut. */
  static void assertString(String what, String sent, String got) {
    String whole = FuzzValues.sanitized(sent);
    if (got.equals(whole)) {
      return;
    }
    String marker = JsonBuffer.TRUNCATION_MARKER;
    assertThat(got).as("%s cut without the marker", what).endsWith(marker);
    String prefix = got.substring(0, got.length() - marker.length());
    String capped = FuzzValues.sanitized(sent.substring(0, Math.min(sent.length(), MAX_STRING)));
    assertThat(whole.startsWith(prefix) || capped.startsWith(prefix))
        .as("%s: %s is no prefix of what was sent", what, prefix)
        .isTrue();
  }
}
