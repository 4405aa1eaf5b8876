package dev.correlog.trace;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lines per service, level and event. Each count has its extrapolation: the sum of the lines'
 * {@code sample_rate} (1 when absent), the number of events that happened, as opposed to written.
 * Each table holds at most {@link #MAX_KEYS} distinct values; further ones are counted under {@code
 * (other)}.
 */
public final class Stats {
  public static final int MAX_KEYS = 10_000;
  static final String OTHER = "(other)";

  /** A line count and its extrapolation by {@code sample_rate}. */
  public static final class Count {
    long lines;
    double estimated;

    public long lines() {
      return lines;
    }

    /** The sum of the lines' {@code sample_rate}. */
    public double estimated() {
      return estimated;
    }
  }

  private final Map<String, Count> services = new HashMap<>();
  private final Map<String, Count> levels = new HashMap<>();
  private final Map<String, Count> events = new HashMap<>();
  private final Count total = new Count();
  private final ScanStats scan = new ScanStats();

  private Stats() {}

  static Stats scan(Inputs inputs) {
    Stats stats = new Stats();
    LineParser parser = new LineParser(false);
    LineScanner scanner = new LineScanner();
    inputs.each(
        stats.scan,
        (name, in) -> {
          try {
            scanner.scan(in, (buf, off, len) -> stats.add(parser, parser.parse(buf, off, len)));
          } finally {
            stats.scan.add(scanner, true);
          }
        });
    return stats;
  }

  private void add(LineParser parser, LineParser.Outcome outcome) {
    scan.count(outcome);
    if (outcome != LineParser.Outcome.OK) {
      return;
    }
    LineFields f = parser.fields();
    double rate = f.sampleRate > 0 && Double.isFinite(f.sampleRate) ? f.sampleRate : 1;
    add(total, rate);
    add(count(services, f.service), rate);
    add(count(levels, f.level), rate);
    add(count(events, f.event), rate);
  }

  private static void add(Count c, double rate) {
    c.lines++;
    c.estimated += rate;
  }

  private static Count count(Map<String, Count> table, String key) {
    Count c = table.get(key);
    if (c == null) {
      c = table.computeIfAbsent(table.size() < MAX_KEYS ? key : OTHER, k -> new Count());
    }
    return c;
  }

  public Map<String, Count> byService() {
    return Collections.unmodifiableMap(services);
  }

  public Map<String, Count> byLevel() {
    return Collections.unmodifiableMap(levels);
  }

  public Map<String, Count> byEvent() {
    return Collections.unmodifiableMap(events);
  }

  /** All Correlog lines. */
  public Count total() {
    return total;
  }

  public ScanStats scan() {
    return scan;
  }

  /** Three tables, largest first (levels in level order). */
  public void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%d lines, %.0f events estimated from sample_rate%n",
        total.lines,
        total.estimated);
    table(out, "service", sorted(services, false));
    table(out, "level", sorted(levels, true));
    table(out, "event", sorted(events, false));
  }

  private static List<Map.Entry<String, Count>> sorted(Map<String, Count> table, boolean byLevel) {
    List<Map.Entry<String, Count>> rows = new ArrayList<>(table.entrySet());
    if (byLevel) {
      rows.sort(Map.Entry.comparingByKey((a, b) -> Levels.rank(a) - Levels.rank(b)));
    } else {
      rows.sort((a, b) -> Long.compare(b.getValue().lines, a.getValue().lines));
    }
    return rows;
  }

  private static void table(PrintStream out, String title, List<Map.Entry<String, Count>> rows) {
    int width = title.length();
    for (Map.Entry<String, Count> r : rows) {
      width = Math.max(width, r.getKey().length());
    }
    out.println();
    out.printf(Locale.ROOT, "%-" + width + "s  %12s  %14s%n", title, "lines", "estimated");
    for (Map.Entry<String, Count> r : rows) {
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %12d  %14.0f%n",
          r.getKey(),
          r.getValue().lines,
          r.getValue().estimated);
    }
  }
}
