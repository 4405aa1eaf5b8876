package dev.correlog.trace;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One request as found in the input: its lines in time order and its call tree. Empty when no line
 * matched.
 */
public final class Trace {
  private final TraceQuery query;
  private final List<LogLine> lines;
  private final List<Span> roots;
  private final List<Span> spans;
  private final long droppedLines;
  private final ScanStats scan;

  Trace(
      TraceQuery query,
      List<LogLine> lines,
      List<Span> roots,
      List<Span> spans,
      long droppedLines,
      ScanStats scan) {
    this.query = query;
    this.lines = Collections.unmodifiableList(lines);
    this.roots = Collections.unmodifiableList(roots);
    this.spans = Collections.unmodifiableList(spans);
    this.droppedLines = droppedLines;
    this.scan = scan;
  }

  public TraceQuery query() {
    return query;
  }

  /** The lines kept, by timestamp (input order for equal timestamps). */
  public List<LogLine> lines() {
    return lines;
  }

  /** The spans without a parent in the input, by start time. */
  public List<Span> roots() {
    return roots;
  }

  /** Every span, depth first from the roots (the waterfall's row order). */
  public List<Span> spans() {
    return spans;
  }

  /** Matching lines not kept because {@link TraceQuery#maxLines()} was reached. */
  public long droppedLines() {
    return droppedLines;
  }

  /** What the search read and skipped. */
  public ScanStats scan() {
    return scan;
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /** The trace ids of the lines (one, unless a request id was reused across traces). */
  public Set<String> traceIds() {
    Set<String> ids = new LinkedHashSet<>();
    lines.forEach(l -> ids.add(l.traceId));
    return ids;
  }

  /** The request ids of the lines, in time order (a trace id where none was given). */
  public Set<String> requestIds() {
    Set<String> ids = new LinkedHashSet<>();
    lines.forEach(
        l -> {
          if (l.requestId != null) {
            ids.add(l.requestId);
          }
        });
    return ids;
  }

  /** The services, in waterfall order. */
  public Set<String> services() {
    Set<String> services = new LinkedHashSet<>();
    spans.forEach(s -> services.add(s.service));
    return services;
  }

  /** The first line's timestamp, or of the earliest span start (0 when empty). */
  public long startMicros() {
    long start = Long.MAX_VALUE;
    for (Span s : spans) {
      start = Math.min(start, s.startMicros);
    }
    return start == Long.MAX_VALUE ? 0 : start;
  }

  /** From the earliest span start to the latest span end or line. */
  public long durationMicros() {
    long start = startMicros();
    long end = start;
    for (Span s : spans) {
      end = Math.max(end, s.startMicros + s.durationMicros);
    }
    for (LogLine l : lines) {
      end = Math.max(end, l.micros);
    }
    return end - start;
  }

  /** The number of error lines. */
  public long errorCount() {
    return lines.stream().filter(LogLine::isError).count();
  }
}
