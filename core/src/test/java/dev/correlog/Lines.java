package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Parses what a test emitted: every line must be one line of valid JSON ending in a newline, and
 * must validate against the instance's own exported JSON Schema (a real validator).
 */
final class Lines {
  static final ObjectMapper JSON = new ObjectMapper();

  private Lines() {}

  static List<JsonNode> parse(Correlog correlog, CollectingSink sink) {
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(correlog.toJsonSchema());
    List<JsonNode> out = new ArrayList<>();
    for (String raw : sink.rawLines()) {
      assertThat(raw).endsWith("\n");
      assertThat(raw.substring(0, raw.length() - 1)).doesNotContain("\n", "\r");
      JsonNode node;
      try {
        node = JSON.readTree(raw);
      } catch (Exception e) {
        throw new AssertionError("not valid JSON: " + raw, e);
      }
      Set<ValidationMessage> errors = schema.validate(node);
      assertThat(errors).as("schema validation of %s", raw).isEmpty();
      out.add(node);
    }
    return out;
  }

  static JsonNode single(Correlog correlog, CollectingSink sink) {
    List<JsonNode> all = parse(correlog, sink);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  static Correlog.Builder builder(CollectingSink sink) {
    return Correlog.builder().service("order-service").version("1.4.2").sink(sink);
  }
}
