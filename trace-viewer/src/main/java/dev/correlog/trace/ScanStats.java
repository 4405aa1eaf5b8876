package dev.correlog.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a scan read and what it skipped. Skipped lines are never fatal: they are counted here.
 *
 * <p>A {@code --trace} or {@code --request} search only parses the lines that contain the id, so
 * there {@link #lines()} is -1 (not counted) and the skip counts cover those lines only.
 */
public final class ScanStats {
  long bytes;
  long lines = -1;
  long parsed;
  long malformed;
  long notCorrelog;
  long oversize;
  final List<String> unreadable = new ArrayList<>();

  /** Bytes read (decompressed). */
  public long bytes() {
    return bytes;
  }

  /** Lines read, or -1 when the scan did not count them (searches). */
  public long lines() {
    return lines;
  }

  /** Lines parsed as JSON. */
  public long parsed() {
    return parsed;
  }

  /** Lines that were not one JSON object. */
  public long malformed() {
    return malformed;
  }

  /** JSON objects without Correlog's envelope. */
  public long notCorrelog() {
    return notCorrelog;
  }

  /** Lines over 1 MiB, skipped unread. */
  public long oversize() {
    return oversize;
  }

  /** Inputs that could not be opened or broke off, each with the reason. */
  public List<String> unreadable() {
    return List.copyOf(unreadable);
  }

  /** All lines skipped, for whatever reason. */
  public long skipped() {
    return malformed + notCorrelog + oversize;
  }

  void unreadable(String name, Exception e) {
    unreadable.add(name + ": " + e);
  }

  void add(LineScanner scanner, boolean countLines) {
    bytes += scanner.bytes;
    oversize += scanner.oversize;
    if (countLines) {
      lines = Math.max(lines, 0) + scanner.lines;
    }
    scanner.bytes = scanner.lines = scanner.oversize = 0;
  }

  void count(LineParser.Outcome outcome) {
    parsed++;
    if (outcome == LineParser.Outcome.MALFORMED) {
      malformed++;
    } else if (outcome == LineParser.Outcome.NOT_CORRELOG) {
      notCorrelog++;
    }
  }

  /** One line for standard error: "read 12.3 MB, 40000 lines; skipped 2 malformed, ...". */
  public String summary() {
    StringBuilder b = new StringBuilder("read ");
    b.append(
        bytes >= 1_000_000
            ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
            : String.format(Locale.ROOT, "%.1f kB", bytes / 1e3));
    if (lines >= 0) {
      b.append(", ").append(lines).append(" lines");
    }
    if (skipped() > 0) {
      b.append("; skipped ")
          .append(malformed)
          .append(" malformed, ")
          .append(notCorrelog)
          .append(" non-Correlog, ")
          .append(oversize)
          .append(" oversize");
    }
    for (String u : unreadable) {
      b.append("; unreadable ").append(u);
    }
    return b.toString();
  }
}
