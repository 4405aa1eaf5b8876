package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaMode;
import dev.correlog.schema.SchemaViolationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Foreign field names: kept or normalised, renamed by the one underscore rule when taken, never
 * thrown on and never dropped; Correlog's own API stays strict.
 */
class FieldNamePolicyTest {
  private final CollectingSink sink = new CollectingSink();

  private JsonNode keep(Correlog c, FieldNamePolicy policy, String... names) {
    EventBuilder b = c.logger("t").info("bridged").fieldNames(policy);
    for (int i = 0; i < names.length; i++) {
      b.field(names[i], "v" + i);
    }
    b.emit();
    return Lines.single(c, sink);
  }

  @Test
  void keep_writesAnyNameAsGiven_escaped() {
    Correlog c = Lines.builder(sink).build();
    JsonNode line =
        keep(
            c,
            FieldNamePolicy.KEEP,
            "userId",
            "http.method",
            "first name",
            "say \"hi\"",
            "tab\there",
            "Ünïcødé",
            "X-Request-Id",
            "0starts.with.digit");
    assertThat(line.get("userId").asText()).isEqualTo("v0");
    assertThat(line.get("http.method").asText()).isEqualTo("v1");
    assertThat(line.get("first name").asText()).isEqualTo("v2");
    assertThat(line.get("say \"hi\"").asText()).isEqualTo("v3");
    assertThat(line.get("tab\there").asText()).isEqualTo("v4");
    assertThat(line.get("Ünïcødé").asText()).isEqualTo("v5");
    assertThat(line.get("X-Request-Id").asText()).isEqualTo("v6");
    assertThat(line.get("0starts.with.digit").asText()).isEqualTo("v7");
    assertThat(line.has("schema_errors")).isFalse();
    assertThat(c.counters().schemaViolations()).isZero();
  }

  @Test
  void keep_renamesTakenNames_withOneUnderscoreRule() {
    Correlog c = Lines.builder(sink).build();
    JsonNode line =
        keep(
            c,
            FieldNamePolicy.KEEP,
            "trace_id",
            "level",
            "message",
            "error",
            "user_id",
            "user_id",
            "_user_id",
            null,
            "",
            "timestamp");
    assertThat(line.get("_trace_id").asText()).isEqualTo("v0");
    assertThat(line.get("_level").asText()).isEqualTo("v1");
    assertThat(line.get("_message").asText()).isEqualTo("v2");
    assertThat(line.get("_error").asText()).isEqualTo("v3");
    assertThat(line.get("user_id").asText()).isEqualTo("v4");
    assertThat(line.get("_user_id").asText()).isEqualTo("v5");
    assertThat(line.get("__user_id").asText()).isEqualTo("v6"); // "_user_id" was taken
    assertThat(line.get("_").asText()).isEqualTo("v7");
    assertThat(line.get("__").asText()).isEqualTo("v8");
    assertThat(line.get("_timestamp").asText()).isEqualTo("v9");
    // The envelope is untouched, and no key appears twice (Jackson would keep the last).
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("trace_id").asText()).matches("[0-9a-f]{32}");
    assertThat(Lines.fieldNames(line)).doesNotHaveDuplicates();
    String raw = sink.rawLines().get(0);
    assertThat(raw.split("\"user_id\":", -1)).hasSize(2);
  }

  @Test
  void snakeCase_normalisesNames_thenTheSameRenameRule() {
    Correlog c = Lines.builder(sink).build();
    JsonNode line =
        keep(
            c,
            FieldNamePolicy.SNAKE_CASE,
            "userId",
            "UserID",
            "HTTPStatus",
            "http.method",
            "X-Request-Id",
            "first name",
            "already_snake",
            "traceId",
            "a1B",
            "Level");
    assertThat(line.get("user_id").asText()).isEqualTo("v0");
    assertThat(line.get("_user_id").asText()).isEqualTo("v1"); // UserID -> user_id, taken
    assertThat(line.get("http_status").asText()).isEqualTo("v2");
    assertThat(line.get("http.method").asText()).isEqualTo("v3");
    assertThat(line.get("x_request_id").asText()).isEqualTo("v4");
    assertThat(line.get("first_name").asText()).isEqualTo("v5");
    assertThat(line.get("already_snake").asText()).isEqualTo("v6");
    assertThat(line.get("_trace_id").asText()).isEqualTo("v7"); // trace_id is the envelope's
    assertThat(line.get("a1_b").asText()).isEqualTo("v8");
    assertThat(line.get("_level").asText()).isEqualTo("v9");
    assertThat(line.has("schema_errors")).isFalse();
  }

  @Test
  void everyValueType_keepsItsType_underKeep() {
    Correlog c = Lines.builder(sink).build();
    c.logger("t")
        .info("typed")
        .fieldNames(FieldNamePolicy.KEEP)
        .field("aLong", 1L)
        .field("anInt", 2)
        .field("aDouble", 1.5)
        .field("aFloat", 2.5f)
        .field("aBool", true)
        .field("anInstant", java.time.Instant.parse("2025-01-01T00:00:00Z"))
        .field("anEnum", Level.WARN)
        .field("anObject", (Object) 42)
        .field("aNull", (Object) null)
        .field("aNested", o -> o.field("innerName", "x").field("level", 3).field(null, true))
        .emit();
    JsonNode line = Lines.single(c, sink);
    assertThat(line.get("aLong").isIntegralNumber()).isTrue();
    assertThat(line.get("anInt").asInt()).isEqualTo(2);
    assertThat(line.get("aDouble").asDouble()).isEqualTo(1.5);
    assertThat(line.get("aFloat").asDouble()).isEqualTo(2.5);
    assertThat(line.get("aBool").asBoolean()).isTrue();
    assertThat(line.get("anInstant").asText()).isEqualTo("2025-01-01T00:00:00.000000Z");
    assertThat(line.get("anEnum").asText()).isEqualTo("WARN");
    assertThat(line.get("anObject").asInt()).isEqualTo(42);
    assertThat(line.get("aNull").isNull()).isTrue();
    JsonNode nested = line.get("aNested");
    assertThat(nested.get("innerName").asText()).isEqualTo("x");
    assertThat(nested.get("level").asInt()).isEqualTo(3); // inside an object: no envelope clash
    assertThat(nested.get("_").asBoolean()).isTrue();
  }

  @Test
  void longNames_areCutAt128Characters_neverDropped() {
    Correlog c = Lines.builder(sink).build();
    String longName = "k".repeat(300);
    String emoji = "e".repeat(127) + "\uD83D\uDE00"; // a surrogate pair across the cut
    c.logger("t")
        .info("long")
        .fieldNames(FieldNamePolicy.KEEP)
        .field(longName, 1)
        .field(longName + "x", 2)
        .field(emoji, 3)
        .emit();
    JsonNode line = Lines.single(c, sink);
    assertThat(line.get("k".repeat(128)).asInt()).isEqualTo(1);
    assertThat(line.get("_" + "k".repeat(128)).asInt()).isEqualTo(2);
    assertThat(line.get("e".repeat(127)).asInt()).isEqualTo(3);
  }

  @Test
  void strictPolicy_isTheDefault_andStillThrowsInStrictMode() {
    Correlog c = Lines.builder(sink).schemaMode(SchemaMode.STRICT).build();
    assertThatThrownBy(() -> c.logger("t").info("own.api").field("userId", 1).emit())
        .isInstanceOf(SchemaViolationException.class)
        .hasMessageContaining("userId");
    assertThatThrownBy(
            () ->
                c.logger("t")
                    .info("own.api")
                    .fieldNames(FieldNamePolicy.STRICT)
                    .field("level", 1)
                    .emit())
        .isInstanceOf(SchemaViolationException.class);
    assertThat(sink.rawLines()).isEmpty();
  }

  @Test
  void strictPolicy_inLenientMode_dropsTheFieldAndSaysSo() {
    Correlog c = Lines.builder(sink).build();
    c.logger("t").info("own.api").field("userId", 1).field("user_id", 2).emit();
    JsonNode line = Lines.single(c, sink);
    assertThat(line.has("userId")).isFalse();
    assertThat(line.get("user_id").asInt()).isEqualTo(2);
    assertThat(line.get("schema_errors").get(0).asText()).contains("userId");
  }

  @Test
  void keepAndSnakeCase_neverThrow_evenInStrictModeWithABrokenSchema() {
    Correlog c =
        Lines.builder(sink)
            .schemaMode(SchemaMode.STRICT)
            .schema(
                EventSchema.named("order.placed")
                    .requiredLong("user_id")
                    .requiredDouble("amount")
                    .sensitive("card_number"))
            .build();
    for (FieldNamePolicy p : List.of(FieldNamePolicy.KEEP, FieldNamePolicy.SNAKE_CASE)) {
      c.logger("t")
          .info("order.placed")
          .fieldNames(p)
          .field("user_id", "not-a-number")
          .field("card_number", "4111111111111111")
          .field("userId", 7)
          .emit();
    }
    List<JsonNode> lines = Lines.parse(c, sink);
    assertThat(lines).hasSize(2);
    JsonNode keep = lines.get(0);
    assertThat(keep.get("user_id").asText()).isEqualTo("not-a-number"); // kept, flagged
    assertThat(keep.get("card_number").asText()).isEqualTo("[REDACTED]");
    assertThat(keep.get("userId").asInt()).isEqualTo(7);
    assertThat(keep.get("schema_errors").toString())
        .contains("user_id' must be long")
        .contains("amount' is missing");
    JsonNode snake = lines.get(1);
    assertThat(snake.get("user_id").asText()).isEqualTo("not-a-number");
    assertThat(snake.get("_user_id").asInt()).isEqualTo(7); // userId -> user_id, taken
    assertThat(snake.get("card_number").asText()).isEqualTo("[REDACTED]");
    assertThat(c.counters().schemaViolations()).isEqualTo(2);
  }

  @Test
  void aDeclaredFieldAlreadySetUnderStrict_isNotOverwrittenByAKeepField() {
    Correlog c =
        Lines.builder(sink)
            .schema(EventSchema.named("order.placed").requiredLong("user_id"))
            .build();
    c.logger("t")
        .info("order.placed")
        .field("user_id", 1)
        .fieldNames(FieldNamePolicy.KEEP)
        .field("user_id", 2)
        .emit();
    JsonNode line = Lines.single(c, sink);
    assertThat(line.get("user_id").asInt()).isEqualTo(1);
    assertThat(line.get("_user_id").asInt()).isEqualTo(2);
    assertThat(line.has("schema_errors")).isFalse();
  }

  @Test
  void aNullPolicy_isIgnored() {
    Correlog c = Lines.builder(sink).build();
    c.logger("t")
        .info("x")
        .fieldNames(FieldNamePolicy.KEEP)
        .fieldNames(null)
        .field("userId", 1)
        .emit();
    assertThat(Lines.single(c, sink).get("userId").asInt()).isEqualTo(1);
  }

  @Test
  void thePolicyEndsWithTheEvent() {
    Correlog c = Lines.builder(sink).build();
    EventLogger log = c.logger("t");
    log.info("a").fieldNames(FieldNamePolicy.KEEP).field("userId", 1).emit();
    log.info("b").field("userId", 1).emit(); // the same (reused) builder, strict again
    List<JsonNode> lines = Lines.parse(c, sink);
    assertThat(lines.get(0).has("userId")).isTrue();
    assertThat(lines.get(1).has("userId")).isFalse();
    assertThat(lines.get(1).has("schema_errors")).isTrue();
  }
}
