package dev.correlog.trace;

import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The traces that contain errors: each with its entry request and where the first error was. */
public final class ErrorReport {
  /** One trace with errors. */
  public static final class Entry {
    private static final int MAX_SERVICES = 32;

    final String traceId;
    String requestId;
    String entryService;
    String entryEvent;
    String entryDetail;
    long entryMicros;
    int entryRank = Integer.MAX_VALUE;
    String errorService;
    String errorEvent;
    String errorText;
    long firstErrorMicros = Long.MAX_VALUE;
    int errorLines;
    final Set<String> services = new LinkedHashSet<>();

    Entry(String traceId) {
      this.traceId = traceId;
    }

    /** A line of the trace: the entry is the earliest root request event (or line). */
    void offer(LineFields f, long micros) {
      if (services.size() < MAX_SERVICES) {
        services.add(f.service);
      }
      int rank = (TraceTree.isRequestEvent(f.event) ? 0 : 2) + (f.parentSpanId == null ? 0 : 1);
      if (rank < entryRank || (rank == entryRank && micros < entryMicros)) {
        entryRank = rank;
        entryMicros = micros;
        entryService = f.service;
        entryEvent = f.event;
        entryDetail = detail(f);
        requestId = f.requestId;
      }
    }

    void error(LineFields f, long micros) {
      errorLines++;
      if (micros < firstErrorMicros) {
        firstErrorMicros = micros;
        errorService = f.service;
        errorEvent = f.event;
        String text = f.errorType != null ? f.errorType : "";
        String message = f.errorMessage != null ? f.errorMessage : f.message;
        if (message != null) {
          text = text.isEmpty() ? message : text + ": " + message;
        }
        errorText = text.length() > 200 ? text.substring(0, 200) + "..." : text;
      }
    }

    // What identifies a request on its request event: method, route or path, status.
    private static String detail(LineFields f) {
      StringBuilder b = new StringBuilder();
      if (f.fields != null) {
        for (Map.Entry<String, String> e : f.fields.entrySet()) {
          String k = e.getKey();
          if (k.contains("method")
              || k.contains("route")
              || k.contains("path")
              || k.contains("status")
              || k.contains("target")) {
            b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(e.getValue());
          }
          if (b.length() > 120) {
            break;
          }
        }
      }
      return b.toString();
    }

    public String traceId() {
      return traceId;
    }

    /** The entry line's {@code request_id}, or null when no entry line was seen. */
    public String requestId() {
      return requestId;
    }

    /** The entry request's service, or null when its line was not seen. */
    public String entryService() {
      return entryService;
    }

    /** The entry request's event name. */
    public String entryEvent() {
      return entryEvent;
    }

    /** The service of the earliest error line. */
    public String firstErrorService() {
      return errorService;
    }

    /** The event of the earliest error line. */
    public String firstErrorEvent() {
      return errorEvent;
    }

    /** The earliest error's {@code error.type: message} (or its message). */
    public String firstError() {
      return errorText;
    }

    public int errorLines() {
      return errorLines;
    }

    /** The services seen in the trace. */
    public Set<String> services() {
      return Collections.unmodifiableSet(services);
    }
  }

  private final List<Entry> entries;
  private final long overflow;
  private final ScanStats scan;

  ErrorReport(List<Entry> entries, long overflow, ScanStats scan) {
    this.entries = Collections.unmodifiableList(entries);
    this.overflow = overflow;
    this.scan = scan;
  }

  /** The traces with errors, by time of their first error. */
  public List<Entry> traces() {
    return entries;
  }

  /** Error lines of traces beyond the first 10,000 with errors, counted only. */
  public long overflow() {
    return overflow;
  }

  public ScanStats scan() {
    return scan;
  }

  /** One block per trace. */
  public void print(PrintStream out) {
    out.printf(Locale.ROOT, "%d traces with errors%n", entries.size());
    for (Entry e : entries) {
      out.println();
      out.printf(
          Locale.ROOT,
          "trace %s  request %s%n",
          e.traceId,
          e.requestId == null ? "?" : e.requestId);
      if (e.entryService == null) {
        out.println("  entry        (not in the input)");
      } else {
        out.printf(
            Locale.ROOT,
            "  entry        %s %s%s%n",
            e.entryService,
            e.entryEvent,
            suffix(e.entryDetail));
      }
      out.printf(
          Locale.ROOT,
          "  first error  %s %s%s%n",
          e.errorService,
          e.errorEvent,
          suffix(e.errorText));
      out.printf(
          Locale.ROOT,
          "  %d error line%s; services: %s%n",
          e.errorLines,
          e.errorLines == 1 ? "" : "s",
          String.join(", ", e.services));
    }
    if (overflow > 0) {
      out.printf(
          Locale.ROOT,
          "%n(%d more error lines in traces beyond the first %d)%n",
          overflow,
          ErrorScan.MAX_ERRORED);
    }
  }

  private static String suffix(String s) {
    return s == null || s.isEmpty() ? "" : "  " + s;
  }
}
