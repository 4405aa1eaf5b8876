package dev.correlog.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.correlog.Correlog;
import dev.correlog.trace.Inputs;
import dev.correlog.trace.Stats;
import dev.correlog.trace.TraceViewer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The short summary printed after the scripted mix: lines per service, why each written line was
 * kept (read back from the files), what each dropped by level (its counters), and the extrapolation
 * by {@code sample_rate} from the trace viewer's stats.
 */
final class Summary {
  /** Why a written line was kept, from its own fields, first match wins. */
  enum Kept {
    ERROR_FLUSH("error flush"), // "sampled_by":"error_flush": held, then written before an ERROR
    ALWAYS("WARN/ERROR"), // at or above the always-keep level
    SLOW("slow"), // "http.slow":true, written whatever the decision
    RULE("by rule"), // sample_rate 2 or 100: an event rule (50% business events, 1% health checks)
    SAMPLED("trace sampled"); // the trace's decision: the gateway's 10% (sample_rate 10 there), or
    // the flag it received (a proxy's, or the gateway's downstream): no sample_rate

    final String title;

    Kept(String title) {
      this.title = title;
    }
  }

  /** One service's file, read back. */
  static final class FileCounts {
    long lines;
    long unparsable;
    final Map<Kept, Long> kept = new EnumMap<>(Kept.class);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private Summary() {}

  static FileCounts read(Path file) throws IOException {
    FileCounts counts = new FileCounts();
    for (Kept k : Kept.values()) {
      counts.kept.put(k, 0L);
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        counts.lines++;
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (IOException e) {
          counts.unparsable++;
          continue;
        }
        counts.kept.merge(why(n), 1L, Long::sum);
      }
    }
    return counts;
  }

  static Kept why(JsonNode n) {
    String level = n.path("level").asText();
    if ("error_flush".equals(n.path("sampled_by").asText())) {
      return Kept.ERROR_FLUSH;
    } else if (level.equals("WARN") || level.equals("ERROR") || level.equals("FATAL")) {
      return Kept.ALWAYS;
    } else if (n.path("http.slow").asBoolean(false)) {
      return Kept.SLOW;
    }
    double rate = n.path("sample_rate").asDouble(0);
    if (rate > 1 && Math.abs(rate - 1 / Services.HEAD_RATIO) > 1e-9) {
      return Kept.RULE; // the head decision made at the gateway carries 1/HEAD_RATIO instead
    }
    return Kept.SAMPLED;
  }

  static void print(Demo demo, List<Traffic.Result> results, long millis, PrintStream out)
      throws IOException {
    Map<Traffic.Kind, Integer> sent = new EnumMap<>(Traffic.Kind.class);
    Map<Integer, Integer> statuses = new LinkedHashMap<>();
    for (Traffic.Result r : results) {
      sent.merge(r.kind(), 1, Integer::sum);
      statuses.merge(r.status(), 1, Integer::sum);
    }
    out.printf(
        Locale.ROOT,
        "%d requests in %.1f s: %d plain, %d with a proxy's traceparent, %d failing in inventory,"
            + " %d slow, %d health checks; answers %s%n",
        results.size(),
        millis / 1000.0,
        sent.getOrDefault(Traffic.Kind.PLAIN, 0),
        sent.getOrDefault(Traffic.Kind.UPSTREAM, 0),
        sent.getOrDefault(Traffic.Kind.FAILING, 0),
        sent.getOrDefault(Traffic.Kind.SLOW, 0),
        sent.getOrDefault(Traffic.Kind.HEALTH, 0),
        statuses.toString().replace("=", " x").replace("{", "").replace("}", ""));

    Stats stats = TraceViewer.stats(Inputs.files(demo.files()));
    out.println();
    out.printf(
        Locale.ROOT,
        "%-12s %6s %9s | kept: %13s %7s %4s %10s %11s | dropped by level%n",
        "service",
        "lines",
        "estimated",
        Kept.SAMPLED.title,
        Kept.RULE.title,
        Kept.SLOW.title,
        Kept.ALWAYS.title,
        Kept.ERROR_FLUSH.title);
    List<Correlog> instances = demo.instances();
    for (int i = 0; i < Demo.SERVICES.size(); i++) {
      String service = Demo.SERVICES.get(i);
      FileCounts f = read(Services.file(demo.dir(), service));
      Stats.Count c = stats.byService().get(service);
      out.printf(
          Locale.ROOT,
          "%-12s %6d %9.0f | %19d %7d %4d %10d %11d | %16d%n",
          service,
          f.lines,
          c == null ? 0.0 : c.estimated(),
          f.kept.get(Kept.SAMPLED),
          f.kept.get(Kept.RULE),
          f.kept.get(Kept.SLOW),
          f.kept.get(Kept.ALWAYS),
          f.kept.get(Kept.ERROR_FLUSH),
          instances.get(i).counters().disabled());
    }
    out.println();
    out.println(
        "estimated: the sum of sample_rate over the lines (the viewer's --stats), the events that"
            + " happened:");
    for (String event : List.of("order.received", "stock.reserve", "shipment.scheduled")) {
      Stats.Count c = stats.byEvent().get(event);
      out.printf(
          Locale.ROOT,
          "  %-19s %3d lines kept by a 50%% rule (sample_rate 2), estimated %3.0f%n",
          event,
          c == null ? 0 : c.lines(),
          c == null ? 0.0 : c.estimated());
    }
    Stats.Count health = stats.byEvent().get("health.check");
    int checks = sent.getOrDefault(Traffic.Kind.HEALTH, 0);
    out.printf(
        Locale.ROOT,
        "  %-19s %3d sent, %d kept by the 1%% rule (sample_rate 100), estimated %.0f; the"
            + " rule dropped the rest%n",
        "health.check",
        checks,
        health == null ? 0 : health.lines(),
        health == null ? 0.0 : health.estimated());
    out.printf(
        "trace sampled: the gateway decides (10%% of new traces, its lines with sample_rate 10;"
            + " or the proxy's flag)%n  and the flag travels on: downstream lines carry no"
            + " sample_rate. By level: inventory.db is at WARN, its DEBUG lines are never built.%n");
  }
}
