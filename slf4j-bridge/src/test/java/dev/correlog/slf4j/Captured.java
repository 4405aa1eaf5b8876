package dev.correlog.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.correlog.Correlog;
import dev.correlog.sink.InMemorySink;
import java.util.ArrayList;
import java.util.List;

/** A Correlog installed as the global instance, writing to memory; lines checked by the schema. */
final class Captured implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final InMemorySink sink = new InMemorySink();
  final Correlog correlog;

  Captured(Correlog.Builder builder) {
    correlog = builder.sink(sink).build();
    Correlog.install(correlog);
  }

  static Correlog.Builder builder() {
    return Correlog.builder().service("order-service").version("1.4.2");
  }

  static Captured install() {
    return new Captured(builder());
  }

  /** Every line so far, parsed, each validated against the instance's exported JSON Schema. */
  List<JsonNode> lines() {
    return parse(correlog.toJsonSchema(), sink.lines());
  }

  static List<JsonNode> parse(String jsonSchema, List<String> raw) {
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(jsonSchema);
    List<JsonNode> out = new ArrayList<>();
    for (String line : raw) {
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + line, e);
      }
      assertThat(schema.validate(node)).as("schema validation of %s", line).isEmpty();
      out.add(node);
    }
    return out;
  }

  JsonNode single() {
    List<JsonNode> all = lines();
    assertThat(all).hasSize(1);
    sink.clear();
    return all.get(0);
  }

  @Override
  public void close() {
    Correlog.uninstall();
    correlog.close();
  }
}
