package dev.correlog.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines of four real {@code Correlog} services, shipped with {@code correlog-trace ship} into a
 * real OpenSearch node running in this JVM, with the template {@code correlog-trace template}
 * generated and installed; then read back by {@code trace_id} with the viewer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSearchShipTest {
  @TempDir static Path dir;
  private static OpenSearchNode node;
  private static Services services;
  private static List<Path> files;
  private static long total;
  private static String ok;
  private static String failed;

  @BeforeAll
  static void clusterAndLines() throws Exception {
    node = new OpenSearchNode();
    services = new Services();
    for (int i = 0; i < 30; i++) {
      services.request("bg-" + i, i % 7 == 3);
      if (i == 8) {
        ok = services.request("req-ok", false);
        failed = services.request("req-failed", true);
      }
    }
    files = services.files(dir);
    total = services.interleaved().size();
  }

  @AfterAll
  static void stop() throws Exception {
    services.close();
    node.close();
  }

  @Test
  @Order(1)
  void installsTheGeneratedTemplate() throws Exception {
    Run r = run("template", "--opensearch", node.url);
    assertThat(r.status).as(r.err).isZero();
    assertThat(r.out).contains("installed index template correlog for correlog-*");
    // This node has no ISM plugin (core only): the policy is refused and said so, not fatal.
    assertThat(r.err).contains("ISM policy not installed");
    String stored = node.call("GET", "/_index_template/correlog", null);
    assertThat(stored).contains("date_nanos").contains("strings_as_keywords");
  }

  @Test
  @Order(2)
  void shipsEveryLineAndReadsTheTraceBackFromAllServices() throws Exception {
    List<String> args = new ArrayList<>(List.of("ship", "--opensearch", node.url, "--batch", "50"));
    files.forEach(f -> args.add(f.toString()));
    Run r = run(args.toArray(new String[0]));

    assertThat(r.status).as(r.out + r.err).isZero();
    assertThat(r.out).startsWith("sent " + total + " lines in ");
    assertThat(r.out).contains("created " + total + ", already present 0, rejected 0");
    assertThat(node.count("correlog-*", null)).isEqualTo(total);
    assertThat(node.count("correlog-2026.12.01", null)).isEqualTo(total);
    assertThat(node.count("correlog-*", "{\"term\":{\"trace_id\":\"" + ok + "\"}}")).isEqualTo(11);
    for (String service : Services.NAMES) {
      assertThat(
              node.count(
                  "correlog-*",
                  "{\"bool\":{\"filter\":[{\"term\":{\"trace_id\":\""
                      + ok
                      + "\"}},{\"term\":{\"service\":\""
                      + service
                      + "\"}}]}}"))
          .as(service)
          .isPositive();
    }
    // The mapping is the generated one: a keyword is searchable exactly, the time with micros.
    String mapping = node.call("GET", "/correlog-2026.12.01/_mapping", null);
    assertThat(mapping)
        .contains("\"trace_id\":{\"type\":\"keyword\"")
        .contains("\"timestamp\":{\"type\":\"date_nanos\"")
        .contains("\"message\":{\"type\":\"text\"}")
        .contains("\"sku\":{\"type\":\"keyword\"");
    assertThat(
            node.count(
                "correlog-*",
                "{\"range\":{\"timestamp\":{\"gte\":\"2026-12-01T10:00:00.020100Z\","
                    + "\"lte\":\"2026-12-01T10:00:00.020100Z\"}}}"))
        .isEqualTo(1);
  }

  @Test
  @Order(3)
  void theViewerDrawsTheSameTreeFromTheClusterAsFromTheFiles() throws Exception {
    for (TraceQuery q :
        List.of(TraceQuery.trace(ok), TraceQuery.trace(failed), TraceQuery.request("req-ok"))) {
      Trace fromFiles = TraceViewer.find(q, Inputs.files(files));
      Trace fromCluster = TraceViewer.find(q, Inputs.opensearch(node.url, "correlog-*"));
      assertThat(TraceViewerTest.rows(fromCluster))
          .as(q.toString())
          .isNotEmpty()
          .isEqualTo(TraceViewerTest.rows(fromFiles));
      assertThat(TraceViewerTest.texts(fromCluster)).isEqualTo(TraceViewerTest.texts(fromFiles));
      assertThat(fromCluster.services()).isEqualTo(fromFiles.services());
    }
    List<String> fileArgs = new ArrayList<>(List.of("--trace", ok, "--color", "never"));
    files.forEach(f -> fileArgs.add(f.toString()));
    Run fromFiles = run(fileArgs.toArray(new String[0]));
    Path html = dir.resolve("cluster.html");
    Run fromCluster =
        run("--opensearch", node.url, "--trace", ok, "--color", "never", "--html", html.toString());
    assertThat(fromCluster.status).as(fromCluster.err).isZero();
    assertThat(fromCluster.out).isEqualTo(fromFiles.out);
    assertThat(Files.readString(html)).contains("fulfillment").contains("<svg");
    Run missing = run("--opensearch", node.url, "--trace", "0123456789abcdef0123456789abcdef");
    assertThat(missing.status).isEqualTo(1);

    // --errors from the cluster: the same report as from the files.
    ErrorReport errorsFromFiles = TraceViewer.errors(Inputs.files(files));
    ErrorReport errorsFromCluster = TraceViewer.errors(Inputs.opensearch(node.url, "correlog-*"));
    assertThat(errorsFromCluster.traces())
        .extracting(ErrorReport.Entry::traceId)
        .contains(failed)
        .doesNotContain(ok)
        .isEqualTo(errorsFromFiles.traces().stream().map(ErrorReport.Entry::traceId).toList());
    assertThat(errorsFromCluster.traces())
        .extracting(ErrorReport.Entry::firstErrorService)
        .isEqualTo(
            errorsFromFiles.traces().stream().map(ErrorReport.Entry::firstErrorService).toList());
    List<String> errorFileArgs = new ArrayList<>(List.of("--errors", "--color", "never"));
    files.forEach(f -> errorFileArgs.add(f.toString()));
    Run errorsCli = run("--opensearch", node.url, "--errors", "--color", "never");
    assertThat(errorsCli.status).as(errorsCli.err).isZero();
    assertThat(errorsCli.out).isEqualTo(run(errorFileArgs.toArray(new String[0])).out);
  }

  @Test
  @Order(4)
  void shippingAgainDuplicatesNothing() throws Exception {
    List<String> args = new ArrayList<>(List.of("ship", "--opensearch", node.url));
    files.forEach(f -> args.add(f.toString()));
    Run r = run(args.toArray(new String[0]));

    assertThat(r.status).as(r.err).isZero();
    assertThat(r.out).contains("created 0, already present " + total + ", rejected 0");
    assertThat(node.count("correlog-*", null)).isEqualTo(total);
  }

  @Test
  @Order(5)
  void reportsWhatTheStoreRejectsWithItsReason() throws Exception {
    String good = services.lines("gateway").get(0);
    // A Correlog line nested deeper than the template's depth limit: the store refuses it.
    String bad =
        good.substring(0, good.length() - 1)
            + ",\"deep\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}}";
    Path file = Services.write(dir.resolve("bad.ndjson"), List.of(bad, "not json", good));
    Run r = run("ship", "--opensearch", node.url, file.toString());

    assertThat(r.status).as(r.out + r.err).isEqualTo(1);
    assertThat(r.out).contains("sent 2 lines").contains("already present 1, rejected 1");
    assertThat(r.out).contains("rejected " + file + ":1: 400 ").contains("depth");
    assertThat(r.err).contains("skipped 1 malformed");
    assertThat(node.count("correlog-*", null)).isEqualTo(total);
  }

  @Test
  @Order(6)
  void retriesAfterTheStoreAsksToBackOff() throws Exception {
    int before = services.interleaved().size();
    String trace = services.request("req-retry", false);
    List<String> fresh = services.interleaved().subList(before, services.interleaved().size());
    Path file = Services.write(dir.resolve("retry.ndjson"), fresh);
    // In front of the node: the first bulk request is answered 503, later ones pass through.
    java.util.concurrent.atomic.AtomicInteger bulks =
        new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer front =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    front.createContext(
        "/",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          if (ex.getRequestURI().getPath().equals("/_bulk") && bulks.getAndIncrement() == 0) {
            ex.sendResponseHeaders(503, -1);
            ex.close();
            return;
          }
          try {
            var forwarded =
                client.send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(node.url + ex.getRequestURI()))
                        .method(
                            ex.getRequestMethod(),
                            java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Content-Type", "application/json")
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            ex.sendResponseHeaders(forwarded.statusCode(), forwarded.body().length);
            ex.getResponseBody().write(forwarded.body());
          } catch (InterruptedException e) {
            ex.sendResponseHeaders(500, -1);
          }
          ex.close();
        });
    front.start();
    try {
      ShipReport report =
          Shipper.to("http://127.0.0.1:" + front.getAddress().getPort())
              .retries(3, java.time.Duration.ofMillis(10))
              .ship(Inputs.files(file));
      assertThat(report.sent()).isEqualTo(fresh.size());
      assertThat(report.retried()).isEqualTo(fresh.size());
      assertThat(report.created()).isEqualTo(fresh.size());
      assertThat(report.rejected()).isZero();
      assertThat(bulks.get()).isEqualTo(2);
    } finally {
      front.stop(0);
    }
    assertThat(node.count("correlog-*", "{\"term\":{\"trace_id\":\"" + trace + "\"}}"))
        .isEqualTo(11);
    assertThat(node.count("correlog-*", null)).isEqualTo(total + fresh.size());
  }

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            false);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
