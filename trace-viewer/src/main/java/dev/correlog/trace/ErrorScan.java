package dev.correlog.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass for {@code --errors}. Per trace it keeps a small summary (entry request, first error,
 * services): for at most {@link #MAX_TRACES} traces in flight, the oldest forgotten first, and for
 * at most {@link #MAX_ERRORED} traces with errors, which are never forgotten. A trace whose entry
 * line was forgotten before its error arrived is reported without its entry.
 */
final class ErrorScan {
  static final int MAX_TRACES = 100_000;
  static final int MAX_ERRORED = 10_000;

  private final Map<String, ErrorReport.Entry> inFlight =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ErrorReport.Entry> eldest) {
          return size() > MAX_TRACES;
        }
      };
  private final Map<String, ErrorReport.Entry> errored = new HashMap<>();
  private long overflow;
  private final ScanStats scan = new ScanStats();

  ErrorReport scan(Inputs inputs) {
    LineParser parser = new LineParser(true);
    LineScanner scanner = new LineScanner();
    inputs.each(
        scan,
        (name, in) -> {
          try {
            scanner.scan(
                in,
                (buf, off, len) -> {
                  LineParser.Outcome outcome = parser.parse(buf, off, len);
                  scan.count(outcome);
                  if (outcome == LineParser.Outcome.OK) {
                    add(parser);
                  }
                });
          } finally {
            scan.add(scanner, true);
          }
        });
    List<ErrorReport.Entry> list = new ArrayList<>(errored.values());
    list.sort((a, b) -> Long.compare(a.firstErrorMicros, b.firstErrorMicros));
    return new ErrorReport(list, overflow, scan);
  }

  private void add(LineParser parser) {
    LineFields f = parser.fields();
    ErrorReport.Entry e = errored.get(f.traceId);
    if (e == null) {
      e = inFlight.get(f.traceId);
    }
    boolean error = Levels.isError(f.level) || f.errorType != null;
    if (e == null) {
      e = new ErrorReport.Entry(f.traceId);
      inFlight.put(f.traceId, e);
    }
    long micros = Timestamps.toMicros(f.timestamp);
    e.offer(f, micros);
    if (error) {
      if (e.errorLines == 0 && !errored.containsKey(f.traceId)) {
        if (errored.size() >= MAX_ERRORED) {
          overflow++;
          return;
        }
        errored.put(f.traceId, e);
      }
      e.error(f, micros);
    }
  }
}
