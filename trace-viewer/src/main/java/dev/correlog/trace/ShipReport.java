package dev.correlog.trace;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link Shipper} run did: lines read, sent and stored, already present (shipped before),
 * rejected by the store (with its reasons, the first {@link #MAX_REASONS} kept), retried, and
 * skipped before sending (malformed, not Correlog, oversize: see {@link #scan()}).
 */
public final class ShipReport {
  /** At most this many rejection reasons are kept. */
  public static final int MAX_REASONS = 100;

  long sent;
  long created;
  long duplicates;
  long rejected;
  long retried;
  long batches;
  final List<String> reasons = new ArrayList<>();
  final ScanStats scan;

  ShipReport(ScanStats scan) {
    this.scan = scan;
  }

  /** Lines sent to the store (each counted once, however often it was retried). */
  public long sent() {
    return sent;
  }

  /** Lines the store indexed as new documents. */
  public long created() {
    return created;
  }

  /** Lines whose document id was already stored: shipped before, nothing duplicated. */
  public long duplicates() {
    return duplicates;
  }

  /** Lines the store refused (mapping errors and the like), or gave up on after the retries. */
  public long rejected() {
    return rejected;
  }

  /** Line sends repeated after back-pressure or a failed request (one per line per attempt). */
  public long retried() {
    return retried;
  }

  /** Bulk requests that got an answer. */
  public long batches() {
    return batches;
  }

  /** {@code file:line: reason} for the first {@link #MAX_REASONS} rejected lines. */
  public List<String> reasons() {
    return List.copyOf(reasons);
  }

  /** What was read and skipped before sending. */
  public ScanStats scan() {
    return scan;
  }

  void reject(String where, String reason) {
    rejected++;
    if (reasons.size() < MAX_REASONS) {
      reasons.add(where + ": " + reason);
    }
  }

  /** True when every line read was stored (new or already present). */
  public boolean complete() {
    return rejected == 0 && scan.unreadable().isEmpty();
  }

  /** {@code sent N, created N, already present N, rejected N, retried N}, then the reasons. */
  public void print(PrintStream out) {
    out.println(
        "sent "
            + sent
            + " lines in "
            + batches
            + " bulk requests: created "
            + created
            + ", already present "
            + duplicates
            + ", rejected "
            + rejected
            + ", retried "
            + retried);
    for (String r : reasons) {
      out.println("rejected " + r);
    }
    if (rejected > reasons.size()) {
      out.println("... and " + (rejected - reasons.size()) + " more rejected");
    }
  }
}
