package dev.correlog.trace;

import dev.correlog.Correlog;
import dev.correlog.sink.Sinks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code ship} and {@code template} sub-commands of {@code correlog-trace}. */
final class StoreCommands {
  static final String USAGE =
      """
      usage: correlog-trace ship --opensearch URL [options] FILE...
        Bulk-loads Correlog NDJSON files (plain or gzip) into OpenSearch / Elasticsearch: one
        index per UTC day (PREFIX + yyyy.MM.dd), document ids from the lines' SHA-256, so shipping
        again duplicates nothing; retries with back-off on 429/502/503/504 and I/O errors.
        --index-prefix P   index name prefix (default correlog-)
        --batch N          lines per bulk request (default 1000)
        --retries N        retries per request or line (default 5)

      usage: correlog-trace template [--opensearch URL] [options]
        Prints (or, with --opensearch, installs) the index template and the ISM lifecycle policy
        generated from Correlog's envelope: hot 7 days, warm, deleted after --delete-after.
        --index-pattern P  indices the template applies to (default correlog-*)
        --name N           template and policy name (default correlog)
        --delete-after D   days before an index is deleted (default 30, more than 7)
      """;

  private StoreCommands() {}

  static int run(String command, String[] args, PrintStream out, PrintStream err) {
    String url = null;
    String prefix = "correlog-";
    String pattern = "correlog-*";
    String name = "correlog";
    int batch = 1000;
    int retries = 5;
    int deleteAfter = 30;
    List<Path> files = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--opensearch" -> url = value(args, ++i, a);
          case "--index-prefix" -> prefix = value(args, ++i, a);
          case "--index-pattern" -> pattern = value(args, ++i, a);
          case "--name" -> name = value(args, ++i, a);
          case "--batch" -> batch = Integer.parseInt(value(args, ++i, a));
          case "--retries" -> retries = Integer.parseInt(value(args, ++i, a));
          case "--delete-after" -> deleteAfter = Integer.parseInt(value(args, ++i, a));
          case "-h", "--help" -> {
            out.print(USAGE);
            return 0;
          }
          default -> {
            if (a.startsWith("--") || command.equals("template")) {
              throw new IllegalArgumentException("unknown option " + a);
            }
            files.add(Path.of(a));
          }
        }
      }
      if (command.equals("ship")) {
        if (url == null || files.isEmpty()) {
          throw new IllegalArgumentException("ship needs --opensearch URL and at least one FILE");
        }
        Shipper shipper =
            Shipper.to(url)
                .indexPrefix(prefix)
                .batch(batch, 5 << 20)
                .retries(retries, Duration.ofMillis(200));
        ShipReport report = shipper.ship(Inputs.files(files));
        report.print(out);
        out.flush();
        err.println(report.scan().summary());
        return report.complete() ? 0 : 1;
      }
      return template(url, pattern, name, Duration.ofDays(deleteAfter), out, err);
    } catch (IllegalArgumentException e) {
      err.println("correlog-trace " + command + ": " + e.getMessage());
      err.print(USAGE);
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("correlog-trace " + command + ": interrupted");
      return 1;
    }
  }

  private static int template(
      String url,
      String pattern,
      String name,
      Duration deleteAfter,
      PrintStream out,
      PrintStream err)
      throws InterruptedException {
    String template;
    String policy;
    try (Correlog envelope =
        Correlog.builder()
            .service("correlog-trace")
            .version("template")
            .sink(Sinks.discarding())
            .build()) {
      template = envelope.toIndexTemplate(pattern);
      policy = envelope.toLifecyclePolicy(pattern, deleteAfter);
    }
    if (url == null) {
      out.println("PUT _index_template/" + name);
      out.println(template);
      out.println("PUT _plugins/_ism/policies/" + name);
      out.println(policy);
      return 0;
    }
    OpenSearchHttp http = new OpenSearchHttp(url, Duration.ofSeconds(60));
    try {
      OpenSearchHttp.Response t = http.json("PUT", "/_index_template/" + name, template);
      if (!t.ok()) {
        err.println("template not installed: HTTP " + t.status() + " " + t.text());
        return 1;
      }
      out.println("installed index template " + name + " for " + pattern);
      OpenSearchHttp.Response p = http.json("PUT", "/_plugins/_ism/policies/" + name, policy);
      if (p.ok()) {
        out.println("installed ISM policy " + name);
      } else {
        err.println(
            "ISM policy not installed (HTTP "
                + p.status()
                + "; no Index State Management plugin? On Elasticsearch use the ILM policy in the"
                + " README): "
                + p.text());
      }
      return 0;
    } catch (java.io.IOException e) {
      err.println("correlog-trace template: " + e);
      return 1;
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
