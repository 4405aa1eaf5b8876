package dev.correlog.trace;

import java.util.Locale;
import java.util.Objects;

/**
 * Which request to show: by {@code trace_id} or by {@code request_id}, and how many of its lines to
 * keep at most (the memory bound of a search: {@link #DEFAULT_MAX_LINES} by default).
 */
public final class TraceQuery {
  /** Lines kept by default; with lines capped at 1 MiB (Correlog's own at 64 KiB). */
  public static final int DEFAULT_MAX_LINES = 100_000;

  private final String traceId;
  private final String requestId;
  private final int maxLines;

  private TraceQuery(String traceId, String requestId, int maxLines) {
    this.traceId = traceId;
    this.requestId = requestId;
    this.maxLines = maxLines;
  }

  /** Every line whose {@code trace_id} is {@code traceId} (any case; ids are written lowercase). */
  public static TraceQuery trace(String traceId) {
    String id = Objects.requireNonNull(traceId, "traceId").trim().toLowerCase(Locale.ROOT);
    if (id.isEmpty()) {
      throw new IllegalArgumentException("empty trace id");
    }
    return new TraceQuery(id, null, DEFAULT_MAX_LINES);
  }

  /**
   * Every line of the traces that carry {@code request_id} = {@code requestId} on any line: a
   * request id given by a caller ({@code x-request-id}) may travel in some services only, so the
   * whole trace is shown.
   */
  public static TraceQuery request(String requestId) {
    String id = Objects.requireNonNull(requestId, "requestId").trim();
    if (id.isEmpty()) {
      throw new IllegalArgumentException("empty request id");
    }
    return new TraceQuery(null, id, DEFAULT_MAX_LINES);
  }

  /** A copy keeping at most {@code maxLines} lines (the earliest read); the rest are counted. */
  public TraceQuery maxLines(int maxLines) {
    if (maxLines < 1) {
      throw new IllegalArgumentException("maxLines must be at least 1: " + maxLines);
    }
    return new TraceQuery(traceId, requestId, maxLines);
  }

  /** The trace id searched, or null for a request id search. */
  public String traceId() {
    return traceId;
  }

  /** The request id searched, or null for a trace id search. */
  public String requestId() {
    return requestId;
  }

  public int maxLines() {
    return maxLines;
  }

  @Override
  public String toString() {
    return traceId != null ? "trace " + traceId : "request " + requestId;
  }
}
