package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.schema.SchemaMode;
import dev.correlog.schema.SchemaViolationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, "every line valid, one per line, whatever the input": one test per defect class, each
 * over many members of the class, every line checked by {@link StrictLines}.
 */
class WriterHostileInputTest {
  private static final int CAP = 8192;
  private final RawSink sink = new RawSink();
  private final Correlog correlog = builder().build();
  private final EventLogger log = correlog.logger("t");

  private Correlog.Builder builder() {
    return Correlog.builder()
        .service("svc")
        .version("1")
        .sink(sink)
        .maxLineBytes(CAP)
        .schemaMode(SchemaMode.LENIENT);
  }

  private List<JsonNode> lines() {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (byte[] line : sink.lines()) {
      out.add(StrictLines.check(line, CAP));
    }
    return out;
  }

  private JsonNode single() {
    List<JsonNode> all = lines();
    assertThat(all).hasSize(1);
    sink.clear();
    return all.get(0);
  }

  @Test
  void lineCapReachedWhileSchemaErrorsAreListed_everyLineKeepsItsNewlineAndTruncatedFlag() {
    String filler = "x".repeat(70);
    // The example scaled to the cap, then every filler count around the cap and
    // invalid names made of escapes (6 bytes per character) and of multi-byte characters.
    String[] badNames = {
      "\u0001".repeat(64), "\u0085".repeat(64), "\"".repeat(64), "\uD800".repeat(64), "é".repeat(64)
    };
    for (String bad : badNames) {
      for (int fields = 90; fields <= 110; fields++) {
        EventBuilder e = log.info("capped");
        for (int i = 0; i < fields; i++) {
          e.field("f" + i, filler);
        }
        for (int i = 0; i < 3; i++) {
          e.field(bad + i, "v");
        }
        e.emit();
        log.info("next").emit();
      }
    }
    List<JsonNode> all = lines();
    assertThat(all).hasSize(2 * badNames.length * 21);
    for (int i = 0; i < all.size(); i += 2) {
      assertThat(all.get(i).get("event").asText()).isEqualTo("capped");
      assertThat(all.get(i).has("schema_errors")).isTrue();
      assertThat(all.get(i + 1).get("event").asText()).isEqualTo("next");
    }
    assertThat(all.stream().filter(n -> n.path("truncated").asBoolean()).count()).isGreaterThan(0);
  }

  /** A BigDecimal whose text would forge a second line and a duplicate trace_id. */
  static final class ForgingDecimal extends BigDecimal {
    ForgingDecimal(String v) {
      super(v);
    }

    @Override
    public String toString() {
      return "1,\"trace_id\":\"0\"}\n{\"x\":\"\u00ff";
    }

    @Override
    public String toPlainString() {
      return toString();
    }

    @Override
    public String toEngineeringString() {
      return toString();
    }
  }

  static final class ForgingInteger extends BigInteger {
    ForgingInteger(String v) {
      super(v);
    }

    @Override
    public String toString() {
      return "2,\"trace_id\":\"0\"";
    }

    @Override
    public String toString(int radix) {
      return toString();
    }
  }

  static final class ForgingNumber extends Number {
    @Override
    public int intValue() {
      return 3;
    }

    @Override
    public long longValue() {
      return 3;
    }

    @Override
    public float floatValue() {
      return 3.5f;
    }

    @Override
    public double doubleValue() {
      return 3.5;
    }

    @Override
    public String toString() {
      return "3}\n{";
    }
  }

  static final class ThrowingNumber extends Number {
    @Override
    public int intValue() {
      throw new IllegalStateException();
    }

    @Override
    public long longValue() {
      throw new IllegalStateException();
    }

    @Override
    public float floatValue() {
      throw new IllegalStateException();
    }

    @Override
    public double doubleValue() {
      throw new IllegalStateException("no value");
    }
  }

  @Test
  void numbers_areWrittenFromTheirOwnDigits_neverFromAnOverriddenToString() {
    Object[] values = {
      new ForgingDecimal("12.50"),
      new ForgingInteger("123456789012345678901234567890"),
      new ForgingNumber(),
      new BigDecimal("-1E+400"),
      new BigInteger("-9223372036854775809"),
      new AtomicLong(42),
      sum(2.25)
    };
    for (Object v : values) {
      log.info("n").field("v", v).emit();
      log.info("n").field("o", o -> o.field("v", v)).emit();
    }
    List<JsonNode> all = lines();
    assertThat(all).hasSize(values.length * 2);
    assertThat(all.get(0).get("v").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(all.get(1).get("o").get("v").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(all.get(2).get("v").bigIntegerValue())
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(all.get(4).get("v").doubleValue()).isEqualTo(3.5);
    assertThat(all.get(6).get("v").decimalValue()).isEqualByComparingTo("-1E+400");
    assertThat(all.get(8).get("v").bigIntegerValue())
        .isEqualTo(new BigInteger("-9223372036854775809"));
    assertThat(all.get(10).get("v").longValue()).isEqualTo(42);
    assertThat(all.get(12).get("v").doubleValue()).isEqualTo(2.25);
    for (JsonNode n : all) {
      assertThat(n.get("trace_id").asText()).isNotEqualTo("0");
    }
  }

  private static DoubleAdder sum(double v) {
    DoubleAdder a = new DoubleAdder();
    a.add(v);
    return a;
  }

  @Test
  void aNumberThatThrows_isAMarker_counted_andFieldNeverThrows() {
    long before = correlog.counters().encodingErrors();
    log.info("n").field("v", (Object) new ThrowingNumber()).field("after", 1).emit();
    log.info("n").field("o", o -> o.field("v", new ThrowingNumber()).field("w", 2)).emit();
    List<JsonNode> all = lines();
    assertThat(all.get(0).get("v").asText()).contains("ThrowingNumber", "IllegalStateException");
    assertThat(all.get(0).get("after").asLong()).isEqualTo(1);
    assertThat(all.get(1).get("o").get("v").asText()).contains("IllegalStateException");
    assertThat(all.get(1).get("o").get("w").asLong()).isEqualTo(2);
    assertThat(correlog.counters().encodingErrors()).isEqualTo(before + 2);
  }

  /** A CharSequence that shrinks after its length was read. */
  static final class Shrinking implements CharSequence {
    private int reads;

    @Override
    public int length() {
      return reads++ == 0 ? 100 : 1;
    }

    @Override
    public char charAt(int index) {
      if (index >= 3) {
        throw new StringIndexOutOfBoundsException(index);
      }
      return 'a';
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String toString() {
      return "aaa";
    }
  }

  static final class NullToString {
    @Override
    public String toString() {
      return null;
    }
  }

  static final class ThrowingToString {
    @Override
    public String toString() {
      throw new IllegalStateException("boom");
    }
  }

  /** Jackson finds a property, whose getter throws half-way through the object. */
  public static final class ThrowingGetter {
    public String getA() {
      return "a";
    }

    public String getB() {
      throw new IllegalStateException("getter");
    }

    @Override
    public String toString() {
      return "plain text";
    }
  }

  @Test
  void aValueThatFailsHalfWay_isWrittenWholeOrReplacedByAMarker_andCounted() {
    long before = correlog.counters().encodingErrors();
    log.info("a").field("s", new Shrinking()).field("k", 1).emit();
    log.info("a").field("n", new NullToString()).emit();
    log.info("a").field("o", o -> o.field("n", new NullToString())).emit();
    log.info("a").field("t", new ThrowingToString()).emit();
    log.info("a").field("g", new ThrowingGetter()).emit();
    log.info("a")
        .field(
            "o",
            o -> {
              o.field("first", 1).field("second", "two");
              throw new IllegalArgumentException("half-way");
            })
        .field("k", 2)
        .emit();
    log.info("a").field("o", o -> o.field("exp", Instant.MAX).field("k", 3)).emit();
    List<JsonNode> all = lines();
    assertThat(all).hasSize(7);
    assertThat(all.get(0).get("s").asText()).contains("Shrinking", "StringIndexOutOfBounds");
    assertThat(all.get(0).get("k").asLong()).isEqualTo(1);
    assertThat(all.get(1).get("n").asText()).contains("returned null");
    assertThat(all.get(2).get("o").get("n").asText()).contains("returned null");
    // With Jackson present: not {} uncounted, but the marker of the throwing toString().
    assertThat(all.get(3).get("t").isTextual()).isTrue();
    assertThat(all.get(3).get("t").asText()).contains("threw java.lang.IllegalStateException");
    assertThat(all.get(4).get("g").asText()).isEqualTo("plain text");
    assertThat(all.get(5).get("o").asText()).contains("IllegalArgumentException");
    assertThat(all.get(5).get("k").asLong()).isEqualTo(2);
    assertThat(all.get(6).get("o").get("exp").asText())
        .isEqualTo("+1000000000-12-31T23:59:59.999999999Z");
    assertThat(correlog.counters().encodingErrors()).isEqualTo(before + 5);
  }

  @Test
  void duplicateKeysInsideNestedObjects_areDetected_inBothModes() {
    log.info("d")
        .field("o", o -> o.field("id", 1).field("id", 2).field("p", p -> p.field("id", 3)))
        .emit();
    JsonNode n = single();
    assertThat(n.get("o").get("id").asLong()).isEqualTo(1);
    assertThat(n.get("o").get("p").get("id").asLong()).isEqualTo(3);
    assertThat(n.get("schema_errors").toString()).contains("'id' appears twice");

    try (Correlog strict = builder().schemaMode(SchemaMode.STRICT).build()) {
      assertThatThrownBy(
              () ->
                  strict
                      .logger("t")
                      .info("d")
                      .field("o", o -> o.field("id", 1).field("id", 2))
                      .emit())
          .isInstanceOf(SchemaViolationException.class);
    }
  }

  @Test
  void dottedNamesUnderEnvelopeNames_areEnvelopeClashes_inBothModes() {
    String[] names = {"service.name", "error.type", "level.code", "trace_id.x", "timestamp.ms"};
    for (String name : names) {
      log.info("d").field(name, "v").emit();
      JsonNode n = single();
      assertThat(n.get("schema_errors").toString()).contains("would overwrite an envelope field");
      assertThat(n.has(name)).isFalse();
      try (Correlog strict = builder().schemaMode(SchemaMode.STRICT).build()) {
        assertThatThrownBy(() -> strict.logger("t").info("d").field(name, "v").emit())
            .isInstanceOf(SchemaViolationException.class);
      }
    }
    log.info("d").field("services.name", "ok").field("errors", 1).emit();
    JsonNode ok = single();
    assertThat(ok.has("schema_errors")).isFalse();
    assertThat(ok.get("services.name").asText()).isEqualTo("ok");
  }

  @Test
  void instantsOutsideYears0To9999_areWrittenAsIso8601_neverClamped() {
    Instant[] outside = {
      Instant.MAX,
      Instant.MIN,
      Instant.parse("+10000-01-01T00:00:00Z"),
      Instant.parse("-0001-12-31T23:59:59.5Z")
    };
    for (Instant t : outside) {
      log.info("t").field("t", t).emit();
      assertThat(single().get("t").asText()).isEqualTo(t.toString());
    }
    log.info("t").field("t", Instant.parse("9999-12-31T23:59:59.999999Z")).emit();
    assertThat(single().get("t").asText()).isEqualTo("9999-12-31T23:59:59.999999Z");
    log.info("t").field("t", Instant.parse("0000-01-01T00:00:00Z")).emit();
    assertThat(single().get("t").asText()).isEqualTo("0000-01-01T00:00:00.000000Z");
  }

  @Test
  void lineSeparatorsAreEscaped_andLoneSurrogatesBecomeReplacementCharacters() {
    String seps = "a\u0085b\u2028c\u2029d";
    String lone = "x\uD800y\uDC00z\uD83D";
    log.info("s").message(seps).field("s", seps).field("l", lone).emit();
    log.info("s").field("o", o -> o.field("s", seps).field("l", lone)).emit();
    log.info("s").field("m", java.util.Map.of("s", seps, "l", lone)).emit();
    List<byte[]> raw = sink.lines();
    for (byte[] line : raw) {
      String text = new String(line, StandardCharsets.UTF_8);
      assertThat(text).contains("\\u0085", "\\u2028", "\\u2029").doesNotContain("\\ud800");
    }
    List<JsonNode> all = lines();
    assertThat(all.get(0).get("s").asText()).isEqualTo(seps);
    assertThat(all.get(0).get("message").asText()).isEqualTo(seps);
    assertThat(all.get(0).get("l").asText()).isEqualTo("x\uFFFDy\uFFFDz\uFFFD");
    assertThat(all.get(1).get("o").get("l").asText()).isEqualTo("x\uFFFDy\uFFFDz\uFFFD");
    assertThat(all.get(2).get("m").get("s").asText()).isEqualTo(seps);
    assertThat(all.get(2).get("m").get("l").asText()).isEqualTo("x\uFFFDy\uFFFDz\uFFFD");
  }

  @Test
  void jacksonRendering_isBoundedInBytesAndDepth() {
    java.util.Map<String, Object> self = new java.util.HashMap<>();
    self.put("me", self);
    List<Object> deep = new java.util.ArrayList<>();
    List<Object> cur = deep;
    for (int i = 0; i < 10_000; i++) {
      List<Object> next = new java.util.ArrayList<>();
      cur.add(next);
      cur = next;
    }
    long before = correlog.counters().truncated();
    log.info("j").field("big", java.util.Collections.nCopies(300_000, "y".repeat(100))).emit();
    log.info("j").field("self", self).field("k", 1).emit();
    log.info("j").field("deep", deep).field("k", 2).emit();
    List<JsonNode> all = lines();
    assertThat(all.get(0).has("big")).isFalse();
    assertThat(all.get(0).get("truncated").asBoolean()).isTrue();
    assertThat(all.get(1).get("k").asLong()).isEqualTo(1);
    assertThat(all.get(2).get("k").asLong()).isEqualTo(2);
    assertThat(correlog.counters().truncated()).isGreaterThan(before);
  }
}
