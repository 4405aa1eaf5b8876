package dev.correlog.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bulk-loads Correlog NDJSON into OpenSearch or Elasticsearch ({@code correlog-trace ship}). For
 * the demo, tests and one-off loads; in production a collector ships (see the README).
 *
 * <ul>
 *   <li>Each line goes to the index {@code PREFIX + yyyy.MM.dd} of its own timestamp (UTC), as a
 *       {@code create} with the id {@link #documentId} derived from the line's bytes: shipping the
 *       same file twice, or again after a failure, duplicates nothing (the store answers "already
 *       present", counted as {@link ShipReport#duplicates()}). Two byte-identical lines are one
 *       document.
 *   <li>Batches of at most {@code batchLines} lines and {@code batchBytes} bytes. A request that
 *       fails (I/O error, HTTP 429/502/503/504) is sent again, and so are the items the store
 *       answers 429 for, after an exponential back-off ({@code backoff}, doubled each time, capped
 *       at 30 s), at most {@code maxRetries} times; then its lines count as rejected.
 *   <li>Malformed, non-Correlog and oversize lines are skipped and counted, never sent.
 *   <li>At the end the shipped indices are refreshed, so a search sees every line at once.
 * </ul>
 *
 * Not thread-safe; one run at a time.
 */
public final class Shipper {
  private final OpenSearchHttp http;
  private String indexPrefix = "correlog-";
  private int batchLines = 1000;
  private int batchBytes = 5 << 20;
  private int maxRetries = 5;
  private Duration backoff = Duration.ofMillis(200);

  private Shipper(OpenSearchHttp http) {
    this.http = http;
  }

  /** A shipper to the cluster at {@code url} ({@code http(s)://[user:password@]host:port}). */
  public static Shipper to(String url) {
    return new Shipper(new OpenSearchHttp(url, Duration.ofSeconds(60)));
  }

  /** Index name prefix (default {@code correlog-}); the line's UTC date is appended. */
  public Shipper indexPrefix(String prefix) {
    if (prefix == null
        || prefix.isEmpty()
        || !prefix.equals(prefix.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("index prefix must be non-empty lowercase: " + prefix);
    }
    this.indexPrefix = prefix;
    return this;
  }

  /** Lines per bulk request (default 1000) and bytes per request (default 5 MiB). */
  public Shipper batch(int lines, int bytes) {
    if (lines < 1 || bytes < 1) {
      throw new IllegalArgumentException("batch sizes must be positive");
    }
    this.batchLines = lines;
    this.batchBytes = bytes;
    return this;
  }

  /** Retries per request or item (default 5) and the first back-off (default 200 ms). */
  public Shipper retries(int maxRetries, Duration backoff) {
    if (maxRetries < 0 || backoff.isNegative()) {
      throw new IllegalArgumentException("retries and back-off must not be negative");
    }
    this.maxRetries = maxRetries;
    this.backoff = backoff;
    return this;
  }

  /** Ships every line of {@code inputs}; never throws for bad lines or a store that refuses. */
  public ShipReport ship(Inputs inputs) throws InterruptedException {
    ScanStats stats = new ScanStats();
    ShipReport report = new ShipReport(stats);
    LineParser parser = new LineParser(false);
    LineScanner scanner = new LineScanner();
    List<Doc> batch = new ArrayList<>();
    long[] bytes = {0};
    InterruptedException[] interrupted = {null};
    inputs.each(
        stats,
        (name, in) -> {
          long[] lineNo = {0};
          try {
            scanner.scan(
                in,
                (buf, off, len) -> {
                  lineNo[0]++;
                  LineParser.Outcome outcome = parser.parse(buf, off, len);
                  stats.count(outcome);
                  if (outcome != LineParser.Outcome.OK || interrupted[0] != null) {
                    return;
                  }
                  byte[] line = Arrays.copyOfRange(buf, off, off + len);
                  String ts = parser.fields().timestamp;
                  String index = indexPrefix + ts.substring(0, 10).replace('-', '.');
                  batch.add(new Doc(name + ":" + lineNo[0], index, documentId(line), line));
                  bytes[0] += len + 100;
                  if (batch.size() >= batchLines || bytes[0] >= batchBytes) {
                    try {
                      send(batch, report);
                    } catch (InterruptedException e) {
                      interrupted[0] = e;
                    }
                    batch.clear();
                    bytes[0] = 0;
                  }
                });
          } finally {
            stats.add(scanner, true);
          }
        });
    if (interrupted[0] != null) {
      throw interrupted[0];
    }
    if (!batch.isEmpty()) {
      send(batch, report);
    }
    refresh();
    return report;
  }

  /** Makes what was shipped searchable now rather than after the next refresh (best effort). */
  private void refresh() throws InterruptedException {
    try {
      http.send("POST", "/" + indexPrefix + "*/_refresh", "application/json", null);
    } catch (IOException e) {
      // the lines are stored; they become searchable at the index's next refresh anyway
    }
  }

  /** The document id of a line: the first 128 bits of its SHA-256, in lowercase hex. */
  public static String documentId(byte[] line) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(line);
      StringBuilder b = new StringBuilder(32);
      for (int i = 0; i < 16; i++) {
        b.append(Character.forDigit((d[i] >> 4) & 0xf, 16))
            .append(Character.forDigit(d[i] & 0xf, 16));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }

  /** One line to ship: where it was read, its index and id (not a {@code record}). */
  private static final class Doc {
    private final String where;
    private final String index;
    private final String id;
    private final byte[] line;

    Doc(String where, String index, String id, byte[] line) {
      this.where = where;
      this.index = index;
      this.id = id;
      this.line = line;
    }

    String where() {
      return where;
    }

    String index() {
      return index;
    }

    String id() {
      return id;
    }

    byte[] line() {
      return line;
    }
  }

  private void send(List<Doc> docs, ShipReport report) throws InterruptedException {
    report.sent += docs.size();
    List<Doc> pending = new ArrayList<>(docs);
    Duration wait = backoff;
    for (int attempt = 0; ; attempt++) {
      String failure;
      List<Doc> again = new ArrayList<>();
      try {
        OpenSearchHttp.Response r =
            http.send("POST", "/_bulk", "application/x-ndjson", body(pending));
        if (r.ok()) {
          report.batches++;
          List<BulkResponse.Item> items = BulkResponse.parse(r.body());
          if (items.size() != pending.size()) {
            throw new IOException(
                "bulk answer has " + items.size() + " items for " + pending.size() + " lines");
          }
          String last = null;
          for (int i = 0; i < items.size(); i++) {
            BulkResponse.Item item = items.get(i);
            if (item.created()) {
              report.created++;
            } else if (item.duplicate()) {
              report.duplicates++;
            } else if (item.retryable()) {
              again.add(pending.get(i));
              last = item.status() + " " + item.errorType() + ": " + item.reason();
            } else {
              report.reject(
                  pending.get(i).where(),
                  item.status() + " " + item.errorType() + ": " + item.reason());
            }
          }
          if (again.isEmpty()) {
            return;
          }
          failure = last;
        } else if (r.status() == 429 || r.status() >= 502 && r.status() <= 504) {
          again = pending;
          failure = "HTTP " + r.status();
        } else {
          for (Doc d : pending) {
            report.reject(d.where(), "HTTP " + r.status() + ": " + abbreviate(r.text()));
          }
          return;
        }
      } catch (IOException e) {
        again = pending;
        failure = e.toString();
      }
      if (attempt >= maxRetries) {
        for (Doc d : again) {
          report.reject(d.where(), "gave up after " + maxRetries + " retries: " + failure);
        }
        return;
      }
      report.retried += again.size();
      pending = again;
      Thread.sleep(wait.toMillis());
      wait =
          wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
              ? Duration.ofSeconds(30)
              : wait.multipliedBy(2);
    }
  }

  private static byte[] body(List<Doc> docs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Doc d : docs) {
      byte[] action =
          ("{\"create\":{\"_index\":\"" + d.index() + "\",\"_id\":\"" + d.id() + "\"}}\n")
              .getBytes(StandardCharsets.UTF_8);
      out.write(action, 0, action.length);
      out.write(d.line(), 0, d.line().length);
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
