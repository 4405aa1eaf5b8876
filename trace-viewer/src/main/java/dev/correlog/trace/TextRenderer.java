package dev.correlog.trace;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a {@link Trace} as text: the call tree as a waterfall (one row per span: service,
 * operation, duration and a bar on the request's time line), then every line in time order,
 * coloured by level with ANSI escapes when {@link #coloured()}.
 */
public final class TextRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String RED = "\u001b[31m";
  private static final String BOLD_RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String DIM = "\u001b[2m";
  private static final String CYAN = "\u001b[36m";

  /** Stack lines printed per error line. */
  static final int STACK_LINES = 10;

  private final boolean colour;
  private final int barWidth;

  private TextRenderer(boolean colour, int barWidth) {
    this.colour = colour;
    this.barWidth = barWidth;
  }

  /** No escapes: for files, pipes and {@code NO_COLOR}. */
  public static TextRenderer plain() {
    return new TextRenderer(false, 40);
  }

  /** Levels and error spans coloured with ANSI escapes, for a terminal. */
  public static TextRenderer coloured() {
    return new TextRenderer(true, 40);
  }

  /**
   * Coloured when standard output is a terminal and {@code NO_COLOR} is not set (to anything
   * non-empty), else plain.
   */
  public static TextRenderer forTerminal() {
    String noColor = System.getenv("NO_COLOR");
    boolean tty = System.console() != null;
    return tty && (noColor == null || noColor.isEmpty()) ? coloured() : plain();
  }

  /** The waterfall, then the lines. */
  public void print(Trace trace, PrintStream out) {
    printWaterfall(trace, out);
    out.println();
    printLines(trace, out);
  }

  /** Said under the header of a trace that head sampling did not sample. */
  static final String NOT_SAMPLED =
      "not sampled: these lines were kept by their level, a rule or error flush;"
          + " the rest of the trace was never written";

  /** True when a line of the trace says {@code "trace_sampled":false}. */
  static boolean notSampled(Trace trace) {
    for (LogLine l : trace.lines()) {
      if ("false".equals(l.fields().get("trace_sampled"))) {
        return true;
      }
    }
    return false;
  }

  public void printWaterfall(Trace trace, PrintStream out) {
    if (trace.isEmpty()) {
      out.println("no line of " + trace.query() + " in the input");
      return;
    }
    long start = trace.startMicros();
    long total = Math.max(1, trace.durationMicros());
    out.printf(
        Locale.ROOT,
        "trace %s  request %s  %d service%s, %d span%s, %d line%s, %s%s%n",
        String.join(",", trace.traceIds()),
        String.join(",", trace.requestIds()),
        trace.services().size(),
        plural(trace.services().size()),
        trace.spans().size(),
        plural(trace.spans().size()),
        trace.lines().size(),
        plural(trace.lines().size()),
        millis(total),
        trace.droppedLines() > 0 ? " (" + trace.droppedLines() + " more lines not kept)" : "");
    if (notSampled(trace)) {
      out.println(NOT_SAMPLED);
    }
    int nameWidth = 10;
    for (Span s : trace.spans()) {
      nameWidth = Math.max(nameWidth, label(s).length());
    }
    nameWidth = Math.min(nameWidth, 70);
    for (Span s : trace.spans()) {
      String label = label(s);
      if (label.length() > nameWidth) {
        label = label.substring(0, nameWidth - 1) + "~";
      }
      int from = (int) ((s.startMicros - start) * barWidth / total);
      int len = (int) Math.max(1, Math.round((double) s.durationMicros * barWidth / total));
      from = Math.min(from, barWidth - 1);
      len = Math.min(len, barWidth - from);
      String bar = " ".repeat(from) + "\u2588".repeat(len) + " ".repeat(barWidth - from - len);
      String duration = (s.measured ? "" : "~") + millis(s.durationMicros);
      String mark = s.errors > 0 ? " ! " + s.errors + " error" + plural(s.errors) : "";
      String row =
          String.format(
              Locale.ROOT, "%-" + nameWidth + "s %11s |%s|%s", label, duration, bar, mark);
      out.println(colour && s.errors > 0 ? RED + row + RESET : row);
    }
  }

  /** Every line of the trace, in time order. */
  public void printLines(Trace trace, PrintStream out) {
    int serviceWidth = 4;
    for (String s : trace.services()) {
      serviceWidth = Math.max(serviceWidth, s.length());
    }
    for (LogLine l : trace.lines()) {
      StringBuilder b = new StringBuilder(160);
      b.append(l.timestamp).append(' ');
      String level = String.format(Locale.ROOT, "%-5s", l.level);
      b.append(colour ? levelColour(l.level) + level + RESET : level).append(' ');
      b.append(String.format(Locale.ROOT, "%-" + serviceWidth + "s ", l.service));
      b.append(colour ? CYAN + l.event + RESET : l.event);
      b.append(" span=").append(l.spanId);
      if (l.message != null) {
        b.append("  ").append(l.message);
      }
      for (Map.Entry<String, String> f : l.fields.entrySet()) {
        b.append(' ').append(f.getKey()).append('=').append(unquoted(f.getValue()));
      }
      out.println(b);
      if (l.errorType != null || l.errorMessage != null) {
        String error =
            "    "
                + (l.errorType == null ? "error" : l.errorType)
                + (l.errorMessage == null ? "" : ": " + l.errorMessage);
        out.println(colour ? RED + error + RESET : error);
      }
      if (l.errorStack != null) {
        stack(l, out);
      }
    }
  }

  /** The stack, without a first line repeating the error, cut at {@link #STACK_LINES}. */
  private void stack(LogLine l, PrintStream out) {
    String[] frames = l.errorStack.strip().split("\\R");
    int from = 0;
    if (frames.length > 0 && l.errorType != null && frames[0].strip().startsWith(l.errorType)) {
      from = 1;
    }
    int shown = 0;
    for (int i = from; i < frames.length && shown < STACK_LINES; i++, shown++) {
      String frame = "      " + frames[i].strip();
      out.println(colour ? DIM + frame + RESET : frame);
    }
    int more = frames.length - from - shown;
    if (more > 0) {
      String rest = "      ... " + more + " more (the HTML view shows the whole stack)";
      out.println(colour ? DIM + rest + RESET : rest);
    }
  }

  private static String label(Span s) {
    String indent = s.depth == 0 ? "" : "  ".repeat(s.depth - 1) + "\u2514\u2500 ";
    return indent
        + s.service
        + " "
        + s.operation
        + (s.parentMissing ? " (parent " + s.parentSpanId + " not in input)" : "");
  }

  private static String levelColour(String level) {
    return switch (level) {
      case "ERROR", "FATAL" -> BOLD_RED;
      case "WARN" -> YELLOW;
      case "DEBUG", "TRACE" -> DIM;
      default -> "";
    };
  }

  /** A JSON string without its quotes when nothing in it needs them. */
  private static String unquoted(String json) {
    if (json.length() >= 2 && json.charAt(0) == '"') {
      String inner = json.substring(1, json.length() - 1);
      if (!inner.isEmpty() && inner.chars().allMatch(c -> c > ' ' && c != '"' && c != '\\')) {
        return inner;
      }
    }
    return json;
  }

  static String millis(long micros) {
    return micros >= 10_000_000
        ? String.format(Locale.ROOT, "%.1f s", micros / 1e6)
        : String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
  }

  private static String plural(long n) {
    return n == 1 ? "" : "s";
  }
}
