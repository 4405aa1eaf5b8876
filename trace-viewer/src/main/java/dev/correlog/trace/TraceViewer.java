package dev.correlog.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The viewer's entry point: find one request's lines and call tree, list the traces with errors, or
 * count lines, from Correlog NDJSON. Every operation streams its input once (a request id search
 * twice) and keeps only what it reports:
 *
 * <ul>
 *   <li>{@link #find}: the matching lines, at most {@link TraceQuery#maxLines()} (100,000 by
 *       default) of at most 1 MiB each, plus one 2 MiB read buffer;
 *   <li>{@link #errors}: one small summary per trace for at most 100,000 traces in flight and
 *       10,000 traces with errors;
 *   <li>{@link #stats}: counts for at most {@link Stats#MAX_KEYS} distinct values per table.
 * </ul>
 *
 * <p>Malformed and non-Correlog lines are skipped and counted in {@link ScanStats}, never fatal; an
 * unreadable input is reported there and the others are still read.
 *
 * <pre>{@code
 * Trace trace = TraceViewer.find(TraceQuery.trace(traceId), Inputs.files(gateway, inventory));
 * TextRenderer.plain().print(trace, System.out);
 * }</pre>
 */
public final class TraceViewer {
  /** A request id search follows at most this many trace ids carrying it. */
  static final int MAX_TRACE_IDS = 1000;

  private static final Comparator<LogLine> BY_TIME =
      Comparator.comparingLong((LogLine l) -> l.micros).thenComparingLong(l -> l.sequence);

  private TraceViewer() {}

  /** The lines and call tree of the request {@code query} names; empty when none matched. */
  public static Trace find(TraceQuery query, Inputs inputs) throws IOException {
    if (inputs.cluster() != null) {
      inputs = inputs.cluster().fetch(query); // the request's lines only, then as from a file
    }
    Set<String> traceIds = new LinkedHashSet<>();
    List<byte[]> needles = new ArrayList<>();
    if (query.traceId() != null) {
      traceIds.add(query.traceId());
    } else {
      inputs = inputs.rereadable();
      traceIds = traceIdsOf(query.requestId(), inputs);
      needles.add(bytes(query.requestId()));
    }
    traceIds.forEach(id -> needles.add(bytes(id)));
    ScanStats stats = new ScanStats();
    LineParser parser = new LineParser(true);
    List<LogLine> kept = new ArrayList<>();
    long[] dropped = {0};
    Set<String> ids = traceIds;
    String requestId = query.requestId();
    LineScanner scanner = new LineScanner(needles.toArray(new byte[0][]));
    inputs.each(
        stats,
        (name, in) -> {
          try {
            scanner.scan(
                in,
                (buf, off, len) -> {
                  LineParser.Outcome outcome = parser.parse(buf, off, len);
                  stats.count(outcome);
                  if (outcome != LineParser.Outcome.OK) {
                    return;
                  }
                  LineFields f = parser.fields();
                  if (ids.contains(f.traceId)
                      || (requestId != null && requestId.equals(f.requestId))) {
                    if (kept.size() < query.maxLines()) {
                      kept.add(parser.line(kept.size()));
                    } else {
                      dropped[0]++;
                    }
                  }
                });
          } finally {
            stats.add(scanner, false);
          }
        });
    kept.sort(BY_TIME);
    List<Span> roots = new ArrayList<>();
    List<Span> order = new ArrayList<>();
    TraceTree.build(kept, roots, order);
    return new Trace(query, kept, roots, order, dropped[0], stats);
  }

  /**
   * The traces with an error line, each with its entry request and its first error. From a cluster
   * ({@link Inputs#opensearch}), only the lines of traces holding an ERROR line are read, at most
   * {@link #MAX_TRACE_IDS} traces and {@link TraceQuery#DEFAULT_MAX_LINES} lines.
   *
   * @throws java.io.UncheckedIOException when the cluster cannot be read
   */
  public static ErrorReport errors(Inputs inputs) {
    if (inputs.cluster() != null) {
      try {
        inputs = inputs.cluster().fetchErrors(TraceQuery.DEFAULT_MAX_LINES);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return new ErrorScan().scan(inputs);
  }

  /** Lines per service, level and event, with counts extrapolated by {@code sample_rate}. */
  public static Stats stats(Inputs inputs) {
    return Stats.scan(inputs);
  }

  /** Pass one of a request id search: the trace ids of the lines carrying it. */
  private static Set<String> traceIdsOf(String requestId, Inputs inputs) {
    Set<String> ids = new LinkedHashSet<>();
    LineParser parser = new LineParser(false);
    LineScanner scanner = new LineScanner(bytes(requestId));
    ScanStats ignored = new ScanStats(); // the second pass reads and reports the same input
    inputs.each(
        ignored,
        (name, in) ->
            scanner.scan(
                in,
                (buf, off, len) -> {
                  if (parser.parse(buf, off, len) == LineParser.Outcome.OK
                      && requestId.equals(parser.fields().requestId)
                      && ids.size() < MAX_TRACE_IDS) {
                    ids.add(parser.fields().traceId);
                  }
                }));
    return ids;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
