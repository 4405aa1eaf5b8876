package dev.correlog.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * Parses one NDJSON line with Jackson's streaming parser. A line that is not one JSON object is
 * {@link Outcome#MALFORMED}; one without Correlog's envelope ({@code timestamp}, {@code level},
 * {@code service}, {@code trace_id}, {@code span_id}, {@code event}, as strings, and an RFC 3339
 * timestamp) is {@link Outcome#NOT_CORRELOG}. Not thread-safe: one per reading thread.
 */
final class LineParser {
  enum Outcome {
    OK,
    MALFORMED,
    NOT_CORRELOG
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  private final LineFields f = new LineFields();
  private final boolean userFields;
  private long micros;

  /** {@code userFields}: keep the user fields' text (for display), or skip them (aggregates). */
  LineParser(boolean userFields) {
    this.userFields = userFields;
  }

  Outcome parse(byte[] buf, int off, int len) {
    f.clear();
    try (JsonParser p = FACTORY.createParser(buf, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Outcome.MALFORMED;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (!envelope(p, name, v) && userFields) {
          user(p, name, v, buf, off);
        } else if (v.isStructStart()) {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return Outcome.MALFORMED;
      }
    } catch (IOException | RuntimeException e) {
      return Outcome.MALFORMED;
    }
    if (!f.hasEnvelope()) {
      return Outcome.NOT_CORRELOG;
    }
    micros = Timestamps.toMicros(f.timestamp);
    return micros == Timestamps.INVALID ? Outcome.NOT_CORRELOG : Outcome.OK;
  }

  /** The line just parsed with {@link Outcome#OK}, as a value. */
  LogLine line(long sequence) {
    return new LogLine(f, micros, sequence);
  }

  LineFields fields() {
    return f;
  }

  /** Reads a standard field into {@link #f}; false when {@code name} is a user field. */
  private boolean envelope(JsonParser p, String name, JsonToken v) throws IOException {
    String s = v == JsonToken.VALUE_STRING ? p.getText() : null;
    switch (name) {
      case "timestamp" -> f.timestamp = s;
      case "level" -> f.level = s;
      case "service" -> f.service = s;
      case "version" -> f.version = s;
      case "trace_id" -> f.traceId = s;
      case "span_id" -> f.spanId = s;
      case "parent_span_id" -> f.parentSpanId = s;
      case "request_id" -> f.requestId = s;
      case "event" -> f.event = s;
      case "logger" -> f.logger = s;
      case "thread" -> f.thread = s;
      case "environment" -> f.environment = s;
      case "message" -> f.message = s;
      case "sample_rate" -> f.sampleRate = v.isNumeric() ? p.getDoubleValue() : 1;
      case "error" -> {
        if (v == JsonToken.START_OBJECT) {
          error(p);
        } else {
          return true; // a non-object error field is kept out of the way, as written
        }
      }
      case "duration_ms" -> {
        if (v.isNumeric()) {
          f.durationMs = p.getDoubleValue();
        }
        return false; // also shown among the user fields, as the line has it
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void error(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      String s = v == JsonToken.VALUE_STRING ? p.getText() : null;
      switch (name) {
        case "type" -> f.errorType = s;
        case "message" -> f.errorMessage = s;
        case "stack" -> f.errorStack = s;
        default -> {
          if (v.isStructStart()) {
            p.skipChildren();
          }
        }
      }
    }
    if (f.errorType == null && t == JsonToken.END_OBJECT) {
      f.errorType = "error";
    }
  }

  private void user(JsonParser p, String name, JsonToken v, byte[] buf, int off)
      throws IOException {
    if (f.fields == null) {
      f.fields = new LinkedHashMap<>();
    }
    String text;
    if (v.isStructStart()) {
      int start = off + (int) p.currentTokenLocation().getByteOffset();
      p.skipChildren();
      int end = off + (int) p.currentLocation().getByteOffset();
      text = new String(buf, start, end - start, StandardCharsets.UTF_8);
    } else if (v == JsonToken.VALUE_STRING) {
      text = '"' + new String(JsonStringEncoder.getInstance().quoteAsString(p.getText())) + '"';
    } else {
      text = p.getText();
    }
    f.fields.put(name, text);
  }
}
