package dev.correlog.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.FieldType;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes the envelope and every declared event as one JSON Schema (draft 2020-12) document, with
 * Jackson's streaming generator (jackson-core must be on the class path).
 *
 * <p>Each declared event is an {@code if event == name then ...} clause. A line that carries {@code
 * schema_errors} has already said how it breaks its schema (lenient mode), so the clause accepts
 * it: the document describes what Correlog writes, including honest failures.
 */
public final class JsonSchemaExporter {
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
  public static final String REDACTED = "[REDACTED]";

  private JsonSchemaExporter() {}

  public static String export(String service, Collection<EventSchema> schemas) {
    try {
      Class.forName("com.fasterxml.jackson.core.JsonFactory");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "toJsonSchema() needs com.fasterxml.jackson.core:jackson-core on the class path");
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      write(g, service, schemas);
    } catch (IOException e) {
      throw new IllegalStateException("could not write the JSON Schema", e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, String service, Collection<EventSchema> schemas)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("$schema", DIALECT);
    g.writeStringField("$id", "urn:correlog:events:" + service);
    g.writeStringField("title", "Correlog events of " + service);
    g.writeStringField("type", "object");
    g.writeArrayFieldStart("required");
    for (String name : Envelope.MANDATORY) {
      g.writeString(name);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("properties");
    envelopeProperties(g);
    g.writeEndObject();
    if (!schemas.isEmpty()) {
      g.writeArrayFieldStart("allOf");
      for (EventSchema schema : schemas) {
        eventClause(g, schema);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void envelopeProperties(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("timestamp");
    g.writeStringField("type", "string");
    g.writeStringField("format", "date-time");
    g.writeStringField("pattern", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$");
    g.writeEndObject();
    g.writeObjectFieldStart("level");
    g.writeArrayFieldStart("enum");
    for (dev.correlog.Level level : dev.correlog.Level.values()) {
      g.writeString(level.name());
    }
    g.writeEndArray();
    g.writeEndObject();
    string(g, "service", 1);
    string(g, "version", 1);
    pattern(g, "trace_id", "^[0-9a-f]{32}$");
    pattern(g, "span_id", "^[0-9a-f]{16}$");
    pattern(g, "parent_span_id", "^[0-9a-f]{16}$");
    string(g, "request_id", 1);
    string(g, "event", 1);
    string(g, "logger", 0);
    string(g, "thread", 0);
    string(g, "message", 0);
    string(g, "environment", 0);
    g.writeObjectFieldStart("trace_sampled");
    g.writeStringField("type", "boolean");
    g.writeBooleanField("const", false); // written only for a trace that was not sampled
    g.writeEndObject();
    g.writeObjectFieldStart("sample_rate");
    g.writeStringField("type", "number");
    g.writeNumberField("minimum", 1);
    g.writeEndObject();
    string(g, "sampled_by", 1);
    g.writeObjectFieldStart("error");
    g.writeStringField("type", "object");
    g.writeObjectFieldStart("properties");
    string(g, "type", 0);
    string(g, "message", 0);
    string(g, "stack", 0);
    g.writeEndObject();
    g.writeEndObject();
    g.writeObjectFieldStart("schema_errors");
    g.writeStringField("type", "array");
    g.writeObjectFieldStart("items");
    g.writeStringField("type", "string");
    g.writeEndObject();
    g.writeEndObject();
    g.writeObjectFieldStart("truncated");
    g.writeStringField("type", "boolean");
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String name, int minLength) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("type", "string");
    if (minLength > 0) {
      g.writeNumberField("minLength", minLength);
    }
    g.writeEndObject();
  }

  private static void pattern(JsonGenerator g, String name, String regex) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("type", "string");
    g.writeStringField("pattern", regex);
    g.writeEndObject();
  }

  private static void eventClause(JsonGenerator g, EventSchema schema) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("if");
    g.writeObjectFieldStart("properties");
    g.writeObjectFieldStart("event");
    g.writeStringField("const", schema.event());
    g.writeEndObject();
    g.writeEndObject();
    g.writeArrayFieldStart("required");
    g.writeString("event");
    g.writeEndArray();
    g.writeEndObject();

    g.writeObjectFieldStart("then");
    if (schema.description() != null) {
      g.writeStringField("description", schema.description());
    }
    g.writeArrayFieldStart("anyOf");
    // Either the line declares its own violations...
    g.writeStartObject();
    g.writeArrayFieldStart("required");
    g.writeString("schema_errors");
    g.writeEndArray();
    g.writeEndObject();
    // ...or it conforms.
    g.writeStartObject();
    g.writeObjectFieldStart("properties");
    List<String> required = new ArrayList<>();
    for (EventSchema.FieldSpec f : schema.fields().values()) {
      fieldSchema(g, f);
      if (f.required()) {
        required.add(f.name());
      }
    }
    g.writeEndObject();
    if (!required.isEmpty()) {
      g.writeArrayFieldStart("required");
      for (String r : required) {
        g.writeString(r);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void fieldSchema(JsonGenerator g, EventSchema.FieldSpec f) throws IOException {
    g.writeObjectFieldStart(f.name());
    if (f.sensitive()) {
      g.writeStringField("const", REDACTED);
    } else {
      g.writeStringField("type", f.type().jsonType());
      if (f.type() == FieldType.TIMESTAMP) {
        g.writeStringField("format", "date-time");
      }
      if (f.maxLength() > 0) {
        g.writeNumberField("maxLength", f.maxLength());
      }
    }
    g.writeEndObject();
  }
}
