package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaMode;
import dev.correlog.schema.SchemaViolationException;
import dev.correlog.schema.UnknownFields;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaTest {
  private final CollectingSink sink = new CollectingSink();

  static EventSchema orderPlaced() {
    return EventSchema.named("order.placed")
        .requiredLong("user_id")
        .requiredDouble("amount")
        .optionalString("coupon", 8)
        .sensitive("card_number")
        .unknownFields(UnknownFields.FLAG);
  }

  private Correlog correlog(SchemaMode mode) {
    return Lines.builder(sink).schema(orderPlaced()).schemaMode(mode).build();
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of(
            "missing required",
            (Consumer<EventBuilder>) b -> b.field("user_id", 1),
            "amount",
            "required field 'amount' is missing"),
        Arguments.of(
            "wrong type",
            (Consumer<EventBuilder>) b -> b.field("user_id", "x").field("amount", 1.0),
            "user_id",
            "field 'user_id' must be long, got string"),
        Arguments.of(
            "unknown field",
            (Consumer<EventBuilder>) b -> b.field("user_id", 1).field("amount", 1.0).field("x", 1),
            "x",
            "field 'x' is not declared in schema 'order.placed'"),
        Arguments.of(
            "duplicate",
            (Consumer<EventBuilder>)
                b -> b.field("user_id", 1).field("user_id", 2).field("amount", 1.0),
            "user_id",
            "field 'user_id' appears twice"),
        Arguments.of(
            "invalid name",
            (Consumer<EventBuilder>)
                b -> b.field("User-Id", 1).field("user_id", 1).field("amount", 1.0),
            "User-Id",
            "invalid field name 'User-Id'"),
        Arguments.of(
            "envelope overwrite",
            (Consumer<EventBuilder>)
                b -> b.field("trace_id", "0").field("user_id", 1).field("amount", 1.0),
            "trace_id",
            "field 'trace_id' would overwrite an envelope field"),
        Arguments.of(
            "too long",
            (Consumer<EventBuilder>)
                b -> b.field("user_id", 1).field("amount", 1.0).field("coupon", "123456789"),
            "coupon",
            "field 'coupon' is longer than 8 characters; truncated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void strictMode_throws_namingEventAndField(
      String rule, Consumer<EventBuilder> fields, String field, String message) {
    Correlog c = correlog(SchemaMode.STRICT);
    EventBuilder b = c.logger("t").info("order.placed");
    fields.accept(b);
    assertThatThrownBy(b::emit)
        .isInstanceOfSatisfying(
            SchemaViolationException.class,
            e -> {
              assertThat(e.event()).isEqualTo("order.placed");
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.violations()).contains(message);
            })
        .hasMessageContaining("order.placed");
    assertThat(sink.rawLines()).isEmpty();
    // The builder was released: the next event works.
    c.logger("t").info("order.placed").field("user_id", 1).field("amount", 2.0).emit();
    assertThat(sink.rawLines()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void lenientMode_writesTheLine_withSchemaErrors_andCounts(
      String rule, Consumer<EventBuilder> fields, String field, String message) {
    Correlog c = correlog(SchemaMode.LENIENT);
    EventBuilder b = c.logger("t").info("order.placed");
    fields.accept(b);
    b.emit();
    JsonNode n = Lines.single(c, sink);
    assertThat(n.get("schema_errors")).isNotNull();
    assertThat(n.get("schema_errors").toString()).contains(message.replace("'", "'"));
    assertThat(c.counters().schemaViolations()).isEqualTo(1);
    assertThat(n.get("trace_id").asText()).hasSize(32);
  }

  @Test
  void envelopeFields_cannotBeOverwritten_evenWithoutASchema() {
    Correlog c = Lines.builder(sink).build();
    c.logger("t").info("x").field("level", "DEBUG").field("service", "evil").emit();
    JsonNode n = Lines.single(c, sink);
    assertThat(n.get("level").asText()).isEqualTo("INFO");
    assertThat(n.get("service").asText()).isEqualTo("order-service");
    assertThat(n.get("schema_errors")).hasSize(2);
  }

  @Test
  void sensitiveFields_areRedacted_whateverTheirValue() {
    Correlog c = correlog(SchemaMode.STRICT);
    c.logger("t")
        .info("order.placed")
        .field("user_id", 1)
        .field("amount", 2.5)
        .field("card_number", "4111 1111 1111 1111")
        .emit();
    JsonNode n = Lines.single(c, sink);
    assertThat(n.get("card_number").asText()).isEqualTo("[REDACTED]");
    // The card number appears nowhere (a random trace id may hold "4111": look for the number).
    assertThat(sink.rawLines().get(0)).doesNotContain("4111 1111").doesNotContain("1111 1111");
  }

  @Test
  void aConformingEvent_hasNoSchemaErrors_andDoubleFieldsAcceptIntegers() {
    Correlog c = correlog(SchemaMode.STRICT);
    c.logger("t").info("order.placed").field("user_id", 7).field("amount", 100L).emit();
    JsonNode n = Lines.single(c, sink);
    assertThat(n.has("schema_errors")).isFalse();
    assertThat(c.counters().schemaViolations()).isZero();
  }

  @Test
  void exportedSchema_rejectsAConformingLookingLineThatBreaksTheRules() throws Exception {
    Correlog c = correlog(SchemaMode.STRICT);
    com.networknt.schema.JsonSchema schema =
        com.networknt.schema.JsonSchemaFactory.getInstance(
                com.networknt.schema.SpecVersion.VersionFlag.V202012)
            .getSchema(c.toJsonSchema());
    c.logger("t").info("order.placed").field("user_id", 7).field("amount", 1.5).emit();
    JsonNode good = Lines.single(c, sink);
    assertThat(schema.validate(good)).isEmpty();

    com.fasterxml.jackson.databind.node.ObjectNode missing = good.deepCopy();
    missing.remove("amount");
    assertThat(schema.validate(missing)).isNotEmpty();
    com.fasterxml.jackson.databind.node.ObjectNode badTrace = good.deepCopy();
    badTrace.put("trace_id", "XYZ");
    assertThat(schema.validate(badTrace)).isNotEmpty();
    com.fasterxml.jackson.databind.node.ObjectNode noService = good.deepCopy();
    noService.remove("service");
    assertThat(schema.validate(noService)).isNotEmpty();
    com.fasterxml.jackson.databind.node.ObjectNode unredacted = good.deepCopy();
    unredacted.put("card_number", "4111");
    assertThat(schema.validate(unredacted)).isNotEmpty();
  }

  @Test
  void schemaDeclarations_failFastOnBadInput() {
    assertThatThrownBy(() -> EventSchema.named("Bad Name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventSchema.named("e").requiredLong("UserId"))
        .hasMessageContaining("invalid field name 'UserId'");
    assertThatThrownBy(() -> EventSchema.named("e").requiredLong("a").optionalString("a"))
        .hasMessageContaining("declared twice");
    assertThatThrownBy(() -> EventSchema.named("e").requiredString("message"))
        .hasMessageContaining("envelope field");
    assertThatThrownBy(() -> EventSchema.named("e").optionalString("a", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void schemasCanBeRegisteredAtRunTime() {
    Correlog c = Lines.builder(sink).schemaMode(SchemaMode.STRICT).build();
    c.logger("t").info("late.event").emit();
    c.register(EventSchema.named("late.event").requiredString("who"));
    assertThatThrownBy(() -> c.logger("t").info("late.event").emit())
        .isInstanceOf(SchemaViolationException.class);
    assertThat(c.schemas()).extracting(EventSchema::event).containsExactly("late.event");
  }
}
