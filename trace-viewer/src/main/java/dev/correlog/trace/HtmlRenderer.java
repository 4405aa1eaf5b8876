package dev.correlog.trace;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a {@link Trace} as one self-contained HTML page (no external file, script or font): the
 * waterfall as inline SVG ({@code rect.bar} per span), then the lines as table rows ({@code
 * tr.line}, with {@code data-level} and {@code data-service}), filterable by level and service with
 * check boxes. A fragment such as {@code #level=ERROR,WARN&service=inventory} preselects the
 * filters.
 */
public final class HtmlRenderer {
  private static final int ROW = 22;
  private static final int LABEL = 320;
  private static final int CHART = 640;

  private HtmlRenderer() {}

  public static void write(Trace trace, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(trace, w);
    }
  }

  public static void write(Trace trace, Writer w) throws IOException {
    String title =
        trace.isEmpty() ? trace.query().toString() : "trace " + String.join(",", trace.traceIds());
    w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    w.write(esc(title));
    w.write("</title>\n<style>\n");
    w.write(CSS);
    w.write("</style></head><body>\n<h1>");
    w.write(esc(title));
    w.write("</h1>\n");
    if (trace.isEmpty()) {
      w.write("<p>No line of " + esc(trace.query().toString()) + " in the input.</p>");
    } else {
      w.write(
          String.format(
              Locale.ROOT,
              "<p class=\"summary\">request %s: %d services, %d spans, %d lines, %s%s</p>%n",
              esc(String.join(", ", trace.requestIds())),
              trace.services().size(),
              trace.spans().size(),
              trace.lines().size(),
              esc(TextRenderer.millis(trace.durationMicros())),
              trace.droppedLines() > 0
                  ? " (" + trace.droppedLines() + " more lines not kept)"
                  : ""));
      if (TextRenderer.notSampled(trace)) {
        w.write("<p class=\"summary\">" + esc(TextRenderer.NOT_SAMPLED) + "</p>\n");
      }
      svg(trace, w);
      filters(trace, w);
      lines(trace, w);
    }
    w.write("<script>\n" + SCRIPT + "</script>\n</body></html>\n");
  }

  private static void svg(Trace trace, Writer w) throws IOException {
    long start = trace.startMicros();
    double total = Math.max(1, trace.durationMicros());
    int height = trace.spans().size() * ROW + 24;
    w.write(
        String.format(
            Locale.ROOT,
            "<svg id=\"waterfall\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n",
            LABEL + CHART + 90,
            height));
    w.write(
        String.format(
            Locale.ROOT,
            "<text class=\"axis\" x=\"%d\" y=\"14\">0 ms</text><text class=\"axis\" x=\"%d\" y=\"14\""
                + " text-anchor=\"end\">%s</text>%n",
            LABEL,
            LABEL + CHART,
            esc(TextRenderer.millis((long) total))));
    int y = 22;
    for (Span s : trace.spans()) {
      double x = LABEL + (s.startMicros - start) * CHART / total;
      double width = Math.max(2, s.durationMicros * CHART / total);
      String label = "\u00a0".repeat(s.depth * 3) + s.service + " \u00b7 " + s.operation;
      w.write(
          String.format(
              Locale.ROOT,
              "<g class=\"span%s\" data-service=\"%s\" data-span=\"%s\">"
                  + "<text class=\"label\" x=\"4\" y=\"%d\">%s</text>"
                  + "<rect class=\"bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\""
                  + " fill=\"%s\"><title>%s</title></rect>"
                  + "<text class=\"dur\" x=\"%.1f\" y=\"%d\">%s</text></g>%n",
              s.errors > 0 ? " error" : "",
              esc(s.service),
              esc(s.spanId),
              y + 14,
              esc(label),
              x,
              y + 3,
              width,
              ROW - 6,
              s.errors > 0 ? "#d33" : colour(trace, s.service),
              esc(
                  s.service
                      + " "
                      + s.operation
                      + " "
                      + TextRenderer.millis(s.durationMicros)
                      + (s.parentMissing ? " (parent " + s.parentSpanId + " not in input)" : "")),
              Math.min(x + width + 4, LABEL + CHART + 4),
              y + 14,
              esc((s.measured ? "" : "~") + TextRenderer.millis(s.durationMicros))));
      y += ROW;
    }
    w.write("</svg>\n");
  }

  private static void filters(Trace trace, Writer w) throws IOException {
    Set<String> levels =
        new TreeSet<>(
            (a, b) ->
                Levels.rank(a) - Levels.rank(b) != 0
                    ? Levels.rank(a) - Levels.rank(b)
                    : a.compareTo(b));
    trace.lines().forEach(l -> levels.add(l.level));
    w.write("<form id=\"filters\"><fieldset><legend>level</legend>");
    for (String level : levels) {
      w.write(
          "<label><input type=\"checkbox\" name=\"level\" checked value=\""
              + esc(level)
              + "\"> "
              + esc(level)
              + "</label> ");
    }
    w.write("</fieldset><fieldset><legend>service</legend>");
    for (String service : trace.services()) {
      w.write(
          "<label><input type=\"checkbox\" name=\"service\" checked value=\""
              + esc(service)
              + "\"> "
              + esc(service)
              + "</label> ");
    }
    w.write("</fieldset> <span id=\"shown\"></span></form>\n");
  }

  private static void lines(Trace trace, Writer w) throws IOException {
    w.write(
        "<table id=\"lines\"><thead><tr><th>timestamp</th><th>level</th><th>service</th>"
            + "<th>event</th><th>span</th><th>message and fields</th></tr></thead><tbody>\n");
    for (LogLine l : trace.lines()) {
      StringBuilder detail = new StringBuilder();
      if (l.message != null) {
        detail.append("<span class=\"msg\">").append(esc(l.message)).append("</span>");
      }
      for (Map.Entry<String, String> f : l.fields.entrySet()) {
        detail
            .append(" <span class=\"field\">")
            .append(esc(f.getKey()))
            .append('=')
            .append(esc(f.getValue()))
            .append("</span>");
      }
      if (l.errorType != null || l.errorMessage != null) {
        detail
            .append("<div class=\"err\">")
            .append(esc(l.errorType == null ? "error" : l.errorType))
            .append(l.errorMessage == null ? "" : ": " + esc(l.errorMessage))
            .append("</div>");
      }
      if (l.errorStack != null) {
        detail.append("<pre>").append(esc(l.errorStack)).append("</pre>");
      }
      w.write(
          "<tr class=\"line lv-"
              + esc(l.level.toLowerCase(Locale.ROOT))
              + "\" data-level=\""
              + esc(l.level)
              + "\" data-service=\""
              + esc(l.service)
              + "\"><td>"
              + esc(l.timestamp)
              + "</td><td>"
              + esc(l.level)
              + "</td><td>"
              + esc(l.service)
              + "</td><td>"
              + esc(l.event)
              + "</td><td>"
              + esc(l.spanId)
              + "</td><td>"
              + detail
              + "</td></tr>\n");
    }
    w.write("</tbody></table>\n");
  }

  /** A colour per service, by its place in the waterfall. */
  private static String colour(Trace trace, String service) {
    String[] palette = {
      "#4e79a7", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7"
    };
    int i = 0;
    for (String s : trace.services()) {
      if (s.equals(service)) {
        break;
      }
      i++;
    }
    return palette[i % palette.length];
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final String CSS =
      "body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#222}\n"
          + "h1{font-size:16px;font-family:monospace}\n"
          + "svg text{font:12px monospace}.axis{fill:#888}.dur{fill:#444}\n"
          + "g.error .label{fill:#b00;font-weight:bold}\n"
          + "fieldset{display:inline-block;margin:8px 8px 8px 0}\n"
          + "table{border-collapse:collapse;font:12px monospace;margin-top:8px}\n"
          + "td,th{padding:2px 6px;text-align:left;vertical-align:top;border-bottom:1px solid #eee}\n"
          + "td:first-child{white-space:nowrap}\n"
          + "tr.lv-error td,tr.lv-fatal td{background:#fde8e8}tr.lv-warn td{background:#fff6dc}\n"
          + "tr.lv-debug td,tr.lv-trace td{color:#888}.err{color:#b00}.field{color:#555}\n"
          + "pre{margin:2px 0;color:#666;font-size:11px}\n";

  private static final String SCRIPT =
      "(function(){\n"
          + "var form=document.getElementById('filters');if(!form)return;\n"
          + "var boxes=form.querySelectorAll('input[type=checkbox]');\n"
          + "var hash=new URLSearchParams(location.hash.slice(1));\n"
          + "boxes.forEach(function(b){var want=hash.get(b.name);"
          + "if(want!==null){b.checked=want.split(',').indexOf(b.value)>=0;}});\n"
          + "function apply(){var on={level:{},service:{}};\n"
          + "boxes.forEach(function(b){if(b.checked)on[b.name][b.value]=true;});\n"
          + "var shown=0;document.querySelectorAll('tr.line').forEach(function(r){\n"
          + "var v=on.level[r.dataset.level]&&on.service[r.dataset.service];\n"
          + "r.style.display=v?'':'none';if(v)shown++;});\n"
          + "document.querySelectorAll('#waterfall g.span').forEach(function(g){\n"
          + "g.style.opacity=on.service[g.dataset.service]?'1':'0.25';});\n"
          + "document.getElementById('shown').textContent=shown+' lines shown';}\n"
          + "boxes.forEach(function(b){b.addEventListener('change',apply);});apply();\n"
          + "})();\n";
}
