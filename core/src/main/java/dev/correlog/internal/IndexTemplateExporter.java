package dev.correlog.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.FieldType;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes what an OpenSearch / Elasticsearch store needs for Correlog lines: a composable index
 * template (explicit mappings for the envelope and every declared field, a bounded dynamic rule for
 * the rest) and an OpenSearch ISM lifecycle policy (hot, warm, delete). jackson-core must be on the
 * class path.
 *
 * <p>Declared fields: string {@code keyword}, long {@code long}, double {@code double}, boolean
 * {@code boolean}, timestamp {@code date_nanos}, object {@code object}; sensitive fields {@code
 * keyword} (they only ever hold {@code [REDACTED]}). A name that two events declare with different
 * types: long and double give {@code double}; any other clash gives a disabled object (kept in
 * {@code _source}, not indexed), so no line is rejected because of it.
 *
 * <p>Undeclared fields: strings become {@code keyword} (ignore_above 1024), numbers {@code long} or
 * {@code double}, no date or number detection in strings; the index holds at most {@link
 * #TOTAL_FIELDS_LIMIT} fields, {@link #DEPTH_LIMIT} levels deep, and malformed values (a string in
 * a number field) are ignored per field instead of rejecting the line.
 */
public final class IndexTemplateExporter {
  public static final int TOTAL_FIELDS_LIMIT = 1000;
  public static final int DEPTH_LIMIT = 5;
  public static final int IGNORE_ABOVE = 1024;
  public static final Duration HOT = Duration.ofDays(7);

  private static final java.util.List<String> KEYWORDS =
      java.util.List.of(
          "level",
          "service",
          "version",
          "trace_id",
          "span_id",
          "parent_span_id",
          "request_id",
          "event",
          "logger",
          "thread",
          "environment",
          "sampled_by",
          "schema_errors");

  private IndexTemplateExporter() {}

  public static String template(String service, String indexPattern, Collection<EventSchema> s) {
    checkPattern(indexPattern);
    return write(g -> template(g, service, indexPattern, s));
  }

  public static String policy(String indexPattern, Duration deleteAfter) {
    checkPattern(indexPattern);
    if (deleteAfter == null || deleteAfter.compareTo(HOT) <= 0) {
      throw new IllegalArgumentException("deleteAfter must be longer than 7 days: " + deleteAfter);
    }
    return write(g -> policy(g, indexPattern, deleteAfter));
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    try {
      Class.forName("com.fasterxml.jackson.core.JsonFactory");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "index templates need com.fasterxml.jackson.core:jackson-core on the class path");
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      body.write(g);
    } catch (IOException e) {
      throw new IllegalStateException("could not write the index template", e);
    }
    return out.toString();
  }

  private static void checkPattern(String indexPattern) {
    if (indexPattern == null || indexPattern.isBlank()) {
      throw new IllegalArgumentException("indexPattern is empty");
    }
  }

  private static void template(
      JsonGenerator g, String service, String pattern, Collection<EventSchema> schemas)
      throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("index_patterns");
    g.writeString(pattern);
    g.writeEndArray();
    g.writeNumberField("priority", 100);
    g.writeObjectFieldStart("_meta");
    g.writeStringField("generated_by", "correlog");
    g.writeStringField("service", service);
    g.writeEndObject();
    g.writeObjectFieldStart("template");
    g.writeObjectFieldStart("settings");
    g.writeNumberField("index.mapping.total_fields.limit", TOTAL_FIELDS_LIMIT);
    g.writeNumberField("index.mapping.depth.limit", DEPTH_LIMIT);
    g.writeBooleanField("index.mapping.ignore_malformed", true);
    g.writeEndObject();
    g.writeObjectFieldStart("mappings");
    g.writeBooleanField("date_detection", false);
    g.writeBooleanField("numeric_detection", false);
    g.writeArrayFieldStart("dynamic_templates");
    g.writeStartObject();
    g.writeObjectFieldStart("strings_as_keywords");
    g.writeStringField("match_mapping_type", "string");
    g.writeObjectFieldStart("mapping");
    g.writeStringField("type", "keyword");
    g.writeNumberField("ignore_above", IGNORE_ABOVE);
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("properties");
    g.writeObjectFieldStart("timestamp");
    g.writeStringField("type", "date_nanos");
    g.writeStringField("format", "strict_date_optional_time_nanos");
    g.writeEndObject();
    for (String k : KEYWORDS) {
      type(g, k, "keyword");
    }
    text(g, "message");
    type(g, "sample_rate", "double");
    type(g, "trace_sampled", "boolean");
    type(g, "truncated", "boolean");
    g.writeObjectFieldStart("error");
    g.writeObjectFieldStart("properties");
    type(g, "type", "keyword");
    text(g, "message");
    text(g, "stack");
    g.writeEndObject();
    g.writeEndObject();
    for (Map.Entry<String, String> f : declared(schemas).entrySet()) {
      if (f.getValue() == null) {
        g.writeObjectFieldStart(f.getKey());
        g.writeStringField("type", "object");
        g.writeBooleanField("enabled", false);
        g.writeEndObject();
      } else {
        type(g, f.getKey(), f.getValue());
      }
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  /** Declared field name to its mapping type; null for a clash that only a disabled object fits. */
  static Map<String, String> declared(Collection<EventSchema> schemas) {
    Map<String, String> types = new LinkedHashMap<>();
    for (EventSchema schema : schemas) {
      for (EventSchema.FieldSpec f : schema.fields().values()) {
        if (Envelope.MANDATORY.contains(f.name()) || KEYWORDS.contains(f.name())) {
          continue; // the envelope's mapping wins; such a declaration is a schema error anyway
        }
        String type = f.sensitive() ? "keyword" : mappingType(f.type());
        if (!types.containsKey(f.name())) {
          types.put(f.name(), type);
          continue;
        }
        String had = types.get(f.name());
        if (type.equals(had)) {
          continue;
        }
        boolean numbers =
            had != null
                && Set.of("long", "double").contains(had)
                && Set.of("long", "double").contains(type);
        types.put(f.name(), numbers ? "double" : null);
      }
    }
    return types;
  }

  private static String mappingType(FieldType type) {
    return switch (type) {
      case STRING -> "keyword";
      case LONG -> "long";
      case DOUBLE -> "double";
      case BOOLEAN -> "boolean";
      case TIMESTAMP -> "date_nanos";
      case OBJECT -> "object";
    };
  }

  private static void type(JsonGenerator g, String name, String type) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("type", type);
    if (type.equals("keyword")) {
      g.writeNumberField("ignore_above", IGNORE_ABOVE);
    }
    g.writeEndObject();
  }

  private static void text(JsonGenerator g, String name) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("type", "text");
    g.writeEndObject();
  }

  private static void policy(JsonGenerator g, String pattern, Duration deleteAfter)
      throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("policy");
    g.writeStringField(
        "description",
        "Correlog lines: hot 7 days, then warm (read-only, one segment), deleted after "
            + age(deleteAfter));
    g.writeStringField("default_state", "hot");
    g.writeArrayFieldStart("states");
    state(g, "hot", null, "warm", age(HOT));
    state(g, "warm", "warm", "delete", age(deleteAfter));
    state(g, "delete", "delete", null, null);
    g.writeEndArray();
    g.writeArrayFieldStart("ism_template");
    g.writeStartObject();
    g.writeArrayFieldStart("index_patterns");
    g.writeString(pattern);
    g.writeEndArray();
    g.writeNumberField("priority", 100);
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void state(JsonGenerator g, String name, String actions, String next, String age)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeArrayFieldStart("actions");
    if ("warm".equals(actions)) {
      g.writeStartObject();
      g.writeObjectFieldStart("read_only");
      g.writeEndObject();
      g.writeEndObject();
      g.writeStartObject();
      g.writeObjectFieldStart("force_merge");
      g.writeNumberField("max_num_segments", 1);
      g.writeEndObject();
      g.writeEndObject();
    } else if ("delete".equals(actions)) {
      g.writeStartObject();
      g.writeObjectFieldStart("delete");
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("transitions");
    if (next != null) {
      g.writeStartObject();
      g.writeStringField("state_name", next);
      g.writeObjectFieldStart("conditions");
      g.writeStringField("min_index_age", age);
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** An ISM/ILM age: whole days when it is whole days, else hours, else minutes. */
  static String age(Duration d) {
    if (d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + "d";
    }
    if (d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + "h";
    }
    return Math.max(1, d.toMinutes()) + "m";
  }
}
