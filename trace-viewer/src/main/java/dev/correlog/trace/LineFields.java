package dev.correlog.trace;

import java.util.LinkedHashMap;

/** The parser's reusable scratch record of one line's fields. */
final class LineFields {
  String timestamp;
  String level;
  String service;
  String version;
  String traceId;
  String spanId;
  String parentSpanId;
  String requestId;
  String event;
  String logger;
  String thread;
  String environment;
  String message;
  String errorType;
  String errorMessage;
  String errorStack;
  double durationMs;
  double sampleRate;
  LinkedHashMap<String, String> fields;

  void clear() {
    timestamp = level = service = version = traceId = spanId = parentSpanId = null;
    requestId = event = logger = thread = environment = message = null;
    errorType = errorMessage = errorStack = null;
    durationMs = Double.NaN;
    sampleRate = 1;
    fields = null;
  }

  boolean hasEnvelope() {
    return timestamp != null
        && level != null
        && service != null
        && traceId != null
        && spanId != null
        && event != null;
  }
}
