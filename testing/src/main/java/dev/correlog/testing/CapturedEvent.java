package dev.correlog.testing;

import com.fasterxml.jackson.databind.JsonNode;

/** One captured line, parsed. */
public final class CapturedEvent {
  private final String raw;
  private final JsonNode json;

  CapturedEvent(String raw, JsonNode json) {
    this.raw = raw;
    this.json = json;
  }

  /** The event's name. */
  public String event() {
    return text("event");
  }

  public String level() {
    return text("level");
  }

  public String traceId() {
    return text("trace_id");
  }

  public String spanId() {
    return text("span_id");
  }

  public String parentSpanId() {
    return text("parent_span_id");
  }

  public String requestId() {
    return text("request_id");
  }

  public String message() {
    return text("message");
  }

  /** A top-level field as JSON, or null when absent. */
  public JsonNode get(String name) {
    return json.get(name);
  }

  public boolean has(String name) {
    return json.has(name);
  }

  /** The whole line as a JSON tree. */
  public JsonNode json() {
    return json;
  }

  /** The line as written, without its newline. */
  public String raw() {
    return raw;
  }

  private String text(String name) {
    JsonNode n = json.get(name);
    return n == null || n.isNull() ? null : n.asText();
  }

  @Override
  public String toString() {
    return raw;
  }
}
