package dev.correlog.trace;

import java.util.Collections;
import java.util.Map;

/**
 * One Correlog line as the viewer read it: the envelope, the standard fields and the user fields
 * (each kept as its JSON text, so numbers and nested objects print as they were written).
 */
public final class LogLine {
  final String timestamp;
  final long micros;
  final String level;
  final String service;
  final String version;
  final String traceId;
  final String spanId;
  final String parentSpanId;
  final String requestId;
  final String event;
  final String logger;
  final String thread;
  final String environment;
  final String message;
  final String errorType;
  final String errorMessage;
  final String errorStack;
  final double durationMs;
  final double sampleRate;
  final Map<String, String> fields;
  final long sequence;

  LogLine(LineFields f, long micros, long sequence) {
    this.timestamp = f.timestamp;
    this.micros = micros;
    this.level = f.level;
    this.service = f.service;
    this.version = f.version;
    this.traceId = f.traceId;
    this.spanId = f.spanId;
    this.parentSpanId = f.parentSpanId;
    this.requestId = f.requestId;
    this.event = f.event;
    this.logger = f.logger;
    this.thread = f.thread;
    this.environment = f.environment;
    this.message = f.message;
    this.errorType = f.errorType;
    this.errorMessage = f.errorMessage;
    this.errorStack = f.errorStack;
    this.durationMs = f.durationMs;
    this.sampleRate = f.sampleRate;
    this.fields = f.fields == null ? Map.of() : Collections.unmodifiableMap(f.fields);
    this.sequence = sequence;
  }

  /** The {@code timestamp} as written. */
  public String timestamp() {
    return timestamp;
  }

  /** The timestamp in microseconds since the epoch. */
  public long epochMicros() {
    return micros;
  }

  public String level() {
    return level;
  }

  public String service() {
    return service;
  }

  /** The {@code version} field, or null. */
  public String version() {
    return version;
  }

  public String traceId() {
    return traceId;
  }

  public String spanId() {
    return spanId;
  }

  /** The {@code parent_span_id}, or null on a root span's lines. */
  public String parentSpanId() {
    return parentSpanId;
  }

  /** The {@code request_id}, or null. */
  public String requestId() {
    return requestId;
  }

  public String event() {
    return event;
  }

  /** The {@code logger}, or null. */
  public String logger() {
    return logger;
  }

  /** The {@code thread}, or null. */
  public String thread() {
    return thread;
  }

  /** The {@code environment}, or null. */
  public String environment() {
    return environment;
  }

  /** The {@code message}, or null. */
  public String message() {
    return message;
  }

  /** {@code error.type}, or null when the line has no error. */
  public String errorType() {
    return errorType;
  }

  /** {@code error.message}, or null. */
  public String errorMessage() {
    return errorMessage;
  }

  /** {@code error.stack}, or null. */
  public String errorStack() {
    return errorStack;
  }

  /** The {@code duration_ms} field, or NaN when the line has none. */
  public double durationMs() {
    return durationMs;
  }

  /** The {@code sample_rate} field (1 when absent). */
  public double sampleRate() {
    return sampleRate;
  }

  /** The user fields in line order, each as its JSON text ({@code "abc"}, {@code 12}, ...). */
  public Map<String, String> fields() {
    return fields;
  }

  /** ERROR or FATAL, or an {@code error} object on the line. */
  public boolean isError() {
    return Levels.isError(level) || errorType != null;
  }
}
