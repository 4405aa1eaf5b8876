package dev.correlog.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One hop of a request, rebuilt from the lines that share a {@code span_id}: its service, its
 * operation (the event name of its request event, such as {@code http.server.request}), when it
 * started and how long it took, and the spans it called.
 */
public final class Span {
  final String traceId;
  final String spanId;
  final String parentSpanId;
  String service;
  String operation;
  long startMicros;
  long durationMicros;
  boolean measured;
  boolean parentMissing;
  int lines;
  int errors;
  int depth;
  final List<Span> children = new ArrayList<>();

  Span(String traceId, String spanId, String parentSpanId) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
  }

  public String traceId() {
    return traceId;
  }

  public String spanId() {
    return spanId;
  }

  /** The parent's span id, or null for a root. */
  public String parentSpanId() {
    return parentSpanId;
  }

  public String service() {
    return service;
  }

  /** The request event's name, or the first line's event when the span has no request event. */
  public String operation() {
    return operation;
  }

  public long startMicros() {
    return startMicros;
  }

  /**
   * From the request event's {@code duration_ms} when a line has one ({@link #isMeasured()}), else
   * from the span's first line to its last.
   */
  public long durationMicros() {
    return durationMicros;
  }

  /** True when the duration is the {@code duration_ms} a line carried. */
  public boolean isMeasured() {
    return measured;
  }

  /** True when the span names a parent that no line of the input belongs to. */
  public boolean isParentMissing() {
    return parentMissing;
  }

  /** The number of lines of this span. */
  public int lineCount() {
    return lines;
  }

  /** The number of error lines of this span. */
  public int errorCount() {
    return errors;
  }

  /** Depth in the tree, 0 for a root. */
  public int depth() {
    return depth;
  }

  /** The spans this one called, by start time. */
  public List<Span> children() {
    return Collections.unmodifiableList(children);
  }
}
