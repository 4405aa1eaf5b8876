package dev.correlog.otel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.correlog.Level;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Reads one Correlog line (streaming) into one OpenTelemetry log record. Thread-safe. */
final class LineRecord {
  static final int MAX_SCOPES = 1024;
  private static final String DEFAULT_SCOPE = "correlog";

  private final LoggerProvider provider;
  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

  LineRecord(LoggerProvider provider) {
    this.provider = provider;
  }

  void emit(Level level, JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("not a JSON object");
    }
    String timestamp = null;
    String traceId = null;
    String spanId = null;
    String event = null;
    String message = null;
    String logger = null;
    boolean sampled = true; // unless the line says its trace was not: "trace_sampled":false
    AttributesBuilder attrs = Attributes.builder();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "timestamp" -> timestamp = p.getValueAsString();
        case "level", "service", "version", "environment" -> p.skipChildren(); // severity, resource
        case "trace_id" -> traceId = p.getValueAsString();
        case "span_id" -> spanId = p.getValueAsString();
        case "trace_sampled" -> { // the record's trace flags, not an attribute
          sampled = t != JsonToken.VALUE_FALSE;
          p.skipChildren();
        }
        case "event" -> event = p.getValueAsString();
        case "message" -> message = p.getValueAsString();
        case "logger" -> logger = p.getValueAsString();
        case "thread" -> value(attrs, "thread.name", t, p);
        case "error" -> {
          if (t == JsonToken.START_OBJECT) {
            error(attrs, p);
          } else {
            value(attrs, "error", t, p);
          }
        }
        default -> value(attrs, name, t, p);
      }
    }
    LogRecordBuilder r = scope(logger).logRecordBuilder();
    long micros = micros(timestamp);
    if (micros != Long.MIN_VALUE) {
      r.setTimestamp(micros, TimeUnit.MICROSECONDS);
    }
    r.setSeverity(OtelLogSink.severity(level));
    r.setSeverityText((level == null ? Level.INFO : level).name());
    if (event != null) {
      r.setEventName(event);
      attrs.put(AttributeKey.stringKey("event.name"), event);
    }
    r.setBody(message != null ? message : event != null ? event : "");
    if (traceId != null && spanId != null) {
      SpanContext sc =
          SpanContext.create(
              traceId,
              spanId,
              sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
              TraceState.getDefault());
      if (sc.isValid()) {
        r.setContext(Context.root().with(Span.wrap(sc)));
      }
    }
    r.setAllAttributes(attrs.build());
    r.emit();
  }

  private Logger scope(String name) {
    String scope = name == null || name.isEmpty() ? DEFAULT_SCOPE : name;
    Logger l = loggers.get(scope);
    if (l != null) {
      return l;
    }
    if (loggers.size() >= MAX_SCOPES) {
      scope = DEFAULT_SCOPE;
    }
    return loggers.computeIfAbsent(scope, s -> provider.get(s));
  }

  private static void error(AttributesBuilder attrs, JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      switch (f) {
        case "type" -> value(attrs, "exception.type", t, p);
        case "message" -> value(attrs, "exception.message", t, p);
        case "stack" -> value(attrs, "exception.stacktrace", t, p);
        default -> value(attrs, "error." + f, t, p);
      }
    }
  }

  /** One value with its JSON type; objects flattened with dots, string arrays kept as arrays. */
  private static void value(AttributesBuilder attrs, String key, JsonToken t, JsonParser p)
      throws IOException {
    switch (t) {
      case VALUE_STRING -> attrs.put(AttributeKey.stringKey(key), p.getText());
      case VALUE_NUMBER_INT -> {
        String text = p.getText();
        try {
          attrs.put(AttributeKey.longKey(key), Long.parseLong(text));
        } catch (NumberFormatException e) {
          attrs.put(AttributeKey.stringKey(key), text); // beyond a long: kept exact, as text
        }
      }
      // From the text: Jackson 2.18 can hand back a stale value after a big integer.
      case VALUE_NUMBER_FLOAT ->
          attrs.put(AttributeKey.doubleKey(key), Double.parseDouble(p.getText()));
      case VALUE_TRUE, VALUE_FALSE -> attrs.put(AttributeKey.booleanKey(key), p.getBooleanValue());
      case START_OBJECT -> {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          value(attrs, key + "." + f, p.nextToken(), p);
        }
      }
      case START_ARRAY -> {
        List<String> items = new ArrayList<>();
        JsonToken i;
        while ((i = p.nextToken()) != JsonToken.END_ARRAY) {
          if (i.isScalarValue()) {
            items.add(p.getText());
          } else {
            p.skipChildren();
          }
        }
        attrs.put(AttributeKey.stringArrayKey(key), items);
      }
      default -> {} // null: no attribute
    }
  }

  /** Epoch microseconds of an RFC 3339 timestamp, or Long.MIN_VALUE when absent or invalid. */
  static long micros(String timestamp) {
    if (timestamp == null) {
      return Long.MIN_VALUE;
    }
    long fast = correlogMicros(timestamp);
    if (fast != Long.MIN_VALUE) {
      return fast;
    }
    try {
      Instant i = Instant.parse(timestamp);
      return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    } catch (DateTimeParseException | ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }

  /**
   * Correlog's own form, {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}, read without a formatter (it is about
   * a fifth of the sink's cost with {@code Instant.parse}); Long.MIN_VALUE for anything else.
   */
  static long correlogMicros(String t) {
    if (t.length() != 27
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || t.charAt(19) != '.'
        || t.charAt(26) != 'Z') {
      return Long.MIN_VALUE;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    int micro = digits(t, 20, 26);
    if ((year | month | day | hour | minute | second | micro) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return Long.MIN_VALUE;
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + micro;
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
