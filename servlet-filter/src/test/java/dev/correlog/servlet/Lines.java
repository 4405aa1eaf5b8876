package dev.correlog.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.correlog.Correlog;
import dev.correlog.schema.SchemaMode;
import dev.correlog.sink.InMemorySink;
import dev.correlog.sink.Sinks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A Correlog writing into memory, its lines parsed with Jackson and each validated against the
 * instance's exported JSON Schema (the access event's schema registered, strict mode).
 */
final class Lines implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
  static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9\\-._:@/+=]{1,128}");

  final InMemorySink sink = Sinks.inMemory();
  final Correlog correlog;
  private final JsonSchema schema;

  Lines(String service) {
    this(Correlog.builder().service(service));
  }

  Lines(Correlog.Builder builder) {
    this.correlog =
        builder
            .version("1.0.0")
            .sink(sink)
            .schema(CorrelogFilter.accessEventSchema())
            .schemaMode(SchemaMode.STRICT)
            .build();
    this.schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(correlog.toJsonSchema());
  }

  /** Every line so far, parsed and validated. */
  List<JsonNode> all() {
    List<JsonNode> out = new ArrayList<>();
    for (String line : sink.lines()) {
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + line, e);
      }
      Set<ValidationMessage> errors = schema.validate(node);
      assertThat(errors).as("schema errors of %s", line).isEmpty();
      assertThat(node.path("trace_id").asText()).matches(TRACE_ID);
      assertThat(node.path("span_id").asText()).matches(SPAN_ID);
      assertThat(node.has("schema_errors")).as("schema_errors in %s", line).isFalse();
      out.add(node);
    }
    return out;
  }

  List<JsonNode> events(String name) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : all()) {
      if (name.equals(n.path("event").asText())) {
        out.add(n);
      }
    }
    return out;
  }

  /** Waits (up to 10 s) until {@code count} lines match, then returns them. */
  List<JsonNode> await(Predicate<JsonNode> match, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode n : all()) {
        if (match.test(n)) {
          out.add(n);
        }
      }
      if (out.size() >= count || System.nanoTime() > deadline) {
        assertThat(out).as("lines matching, of %s", sink.lines()).hasSize(count);
        return out;
      }
      Thread.sleep(5);
    }
  }

  /** The one access event (waiting for it), of the request with trace id {@code traceId}. */
  JsonNode access(String traceId) throws InterruptedException {
    return await(
            n ->
                AccessEvent.NAME.equals(n.path("event").asText())
                    && traceId.equals(n.path("trace_id").asText()),
            1)
        .get(0);
  }

  /** The one access event there is (waiting for it). */
  JsonNode onlyAccess() throws InterruptedException {
    return await(n -> AccessEvent.NAME.equals(n.path("event").asText()), 1).get(0);
  }

  @Override
  public void close() {
    correlog.close();
  }
}
