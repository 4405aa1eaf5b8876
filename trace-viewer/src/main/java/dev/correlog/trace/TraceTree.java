package dev.correlog.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rebuilds the call tree of a request from its lines' {@code span_id} and parent. */
final class TraceTree {
  private static final Comparator<Span> BY_START =
      Comparator.comparingLong((Span s) -> s.startMicros).thenComparing(s -> s.spanId);

  private TraceTree() {}

  /** A request event: names the adapters write for a hop, client or server side. */
  static boolean isRequestEvent(String event) {
    return event.startsWith("messaging.")
        || event.contains(".server.")
        || event.contains(".client.")
        || event.endsWith(".server")
        || event.endsWith(".client");
  }

  /** {@code lines} sorted by time; fills {@code roots} and {@code order} (depth first). */
  static void build(List<LogLine> lines, List<Span> roots, List<Span> order) {
    Map<String, List<LogLine>> bySpan = new LinkedHashMap<>();
    for (LogLine l : lines) {
      bySpan.computeIfAbsent(l.traceId + '/' + l.spanId, k -> new ArrayList<>()).add(l);
    }
    Map<String, Span> spans = new LinkedHashMap<>();
    for (Map.Entry<String, List<LogLine>> e : bySpan.entrySet()) {
      spans.put(e.getKey(), span(e.getValue()));
    }
    List<Span> attached = new ArrayList<>();
    for (Span s : spans.values()) {
      Span parent = s.parentSpanId == null ? null : spans.get(s.traceId + '/' + s.parentSpanId);
      if (parent == null || parent == s) {
        s.parentMissing = s.parentSpanId != null;
        roots.add(s);
      } else {
        parent.children.add(s);
        attached.add(s);
      }
    }
    roots.sort(BY_START);
    Set<Span> seen = new HashSet<>();
    for (Span root : roots) {
      walk(root, 0, seen, order);
    }
    // A cycle of parents (not from a real tracer) reaches no root: show its spans as roots.
    for (Span s : attached) {
      if (!seen.contains(s)) {
        s.parentMissing = true;
        roots.add(s);
        walk(s, 0, seen, order);
      }
    }
  }

  private static void walk(Span s, int depth, Set<Span> seen, List<Span> order) {
    if (!seen.add(s)) {
      return;
    }
    s.depth = depth;
    order.add(s);
    s.children.sort(BY_START);
    for (Span child : s.children) {
      walk(child, depth + 1, seen, order);
    }
  }

  /** One span from its lines, in time order. */
  private static Span span(List<LogLine> lines) {
    LogLine first = lines.get(0);
    LogLine last = lines.get(lines.size() - 1);
    LogLine request = null;
    for (LogLine l : lines) {
      if (!Double.isNaN(l.durationMs) && l.durationMs >= 0) {
        request = l;
        break;
      }
    }
    if (request == null) {
      for (LogLine l : lines) {
        if (isRequestEvent(l.event)) {
          request = l;
          break;
        }
      }
    }
    String parent = null;
    for (LogLine l : lines) {
      if (l.parentSpanId != null) {
        parent = l.parentSpanId;
        break;
      }
    }
    Span s = new Span(first.traceId, first.spanId, parent);
    LogLine named = request != null ? request : first;
    s.service = named.service;
    s.operation = named.event;
    s.lines = lines.size();
    for (LogLine l : lines) {
      if (l.isError()) {
        s.errors++;
      }
    }
    if (request != null && !Double.isNaN(request.durationMs) && request.durationMs >= 0) {
      long duration = Math.round(request.durationMs * 1000);
      // Logged when the hop ends (an access line): it started duration earlier. Lines after it
      // mean it was stamped at the start instead.
      long start = last.micros > request.micros ? request.micros : request.micros - duration;
      s.startMicros = Math.min(first.micros, start);
      s.durationMicros = duration;
      s.measured = true;
    } else {
      s.startMicros = first.micros;
      s.durationMicros = last.micros - first.micros;
    }
    return s;
  }
}
