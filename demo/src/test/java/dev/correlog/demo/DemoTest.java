package dev.correlog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.correlog.trace.Span;
import dev.correlog.trace.Trace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo, in this JVM: real Jetty, gRPC over Netty, a KRaft broker, the scripted 200
 * requests; then the trace views it printed and every line it wrote.
 */
class DemoTest {
  @TempDir static Path dir;

  private static Demo demo;
  private static Main.Outcome outcome;
  private static String printed;

  @BeforeAll
  static void runTheDemo() throws Exception {
    Main.Options options = Main.Options.parse("--out", dir.toString());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      demo = Main.start(options, out);
      outcome = Main.run(demo, options, out);
    }
    printed = buffer.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void theMixIsAnswered_failuresAs502_theRestAs200() {
    assertThat(outcome.results()).hasSize(200);
    for (Traffic.Result r : outcome.results()) {
      assertThat(r.status())
          .as(r.toString())
          .isEqualTo(r.kind() == Traffic.Kind.FAILING ? 502 : 200);
      assertThat(r.traceId()).as(r.toString()).matches("[0-9a-f]{32}");
    }
  }

  @Test
  void bothTraceViews_showTheConnectedTree_acrossAllServices() {
    for (Trace trace : List.of(outcome.failed(), outcome.succeeded())) {
      assertThat(trace).isNotNull();
      assertThat(trace.services()).containsExactlyInAnyOrder("gateway", "inventory", "fulfillment");
      // gateway -> inventory -> the Kafka hop -> fulfillment, one root, no span without its parent
      assertThat(trace.roots()).hasSize(1);
      assertThat(trace.spans()).noneMatch(Span::isParentMissing);
      List<String> hops = new ArrayList<>();
      for (Span s = trace.roots().get(0); s != null; s = s.children().isEmpty() ? null : last(s)) {
        hops.add(s.service() + " " + s.operation());
      }
      assertThat(hops.get(0)).isEqualTo("gateway http.server.request");
      assertThat(hops.get(1)).isEqualTo("gateway rpc.client.call");
      assertThat(hops.get(2)).isEqualTo("inventory rpc.server.call");
      assertThat(hops.get(3)).isEqualTo("inventory messaging.publish");
      assertThat(hops.get(4)).startsWith("fulfillment ");
      assertThat(printed).contains(trace.traceIds().iterator().next());
    }
    assertThat(outcome.failed().errorCount()).isGreaterThanOrEqualTo(3);
    assertThat(outcome.succeeded().errorCount()).isZero();
    assertThat(printed).contains("Trace view of a failed request", "Trace view of a successful");
  }

  /** The child span that leads on down the tree (the one with children, else the last). */
  private static Span last(Span s) {
    for (Span c : s.children()) {
      if (!c.children().isEmpty()) {
        return c;
      }
    }
    return s.children().get(s.children().size() - 1);
  }

  @Test
  void theFailedRequest_wroteItsHeldLines_beforeItsFirstError() {
    Set<String> flushed =
        outcome.failed().lines().stream()
            .filter(l -> "\"error_flush\"".equals(l.fields().get("sampled_by"))) // JSON text
            .map(l -> l.service() + " " + l.event())
            .collect(Collectors.toSet());
    if (!outcome.results().stream()
        .filter(r -> r.traceId().equals(outcome.failed().traceIds().iterator().next()))
        .findFirst()
        .orElseThrow()
        .sampled()) {
      // Not sampled: inventory's INFO line of the Kafka hop was held, then written by the error.
      assertThat(flushed).contains("inventory messaging.publish");
      // Every line of the trace says its trace was not sampled.
      assertThat(outcome.failed().lines())
          .allSatisfy(l -> assertThat(l.fields().get("trace_sampled")).isEqualTo("false"));
    }
  }

  @Test
  void everyLineParses_andCarriesTheEnvelope() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String service : Demo.SERVICES) {
      List<String> lines = Files.readAllLines(dir.resolve(service + ".ndjson"));
      assertThat(lines).as(service).isNotEmpty();
      for (String line : lines) {
        JsonNode n = json.readTree(line);
        assertThat(n.isObject()).as(line).isTrue();
        assertThat(n.path("service").asText()).as(line).isEqualTo(service);
        assertThat(n.path("trace_id").asText()).as(line).matches("[0-9a-f]{32}");
        assertThat(n.path("span_id").asText()).as(line).matches("[0-9a-f]{16}");
        assertThat(n.path("event").asText()).as(line).isNotEmpty();
        assertThat(n.has("schema_errors")).as(line).isFalse();
      }
    }
  }

  @Test
  void theSummary_countsLinesPerServiceAndExtrapolates() {
    assertThat(printed).contains("200 requests in", "answers 200 x180, 502 x20");
    for (String service : Demo.SERVICES) {
      assertThat(printed).containsPattern("(?m)^" + service + " +\\d+ +\\d+ \\|");
    }
    assertThat(printed).containsPattern("stock\\.reserve +\\d+ lines kept by a 50% rule");
  }

  /** --opensearch: the lines shipped to a node in this JVM, the same trace read back from it. */
  @Test
  void theTraceReadFromOpenSearchIsTheTraceReadFromTheFiles() throws Exception {
    Trace files = outcome.succeeded();
    assertThat(files).isNotNull();
    String traceId = files.traceIds().iterator().next();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Trace cluster;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      cluster = ClusterView.show(demo.files(), traceId, out);
    }
    String shown = buffer.toString(StandardCharsets.UTF_8);
    assertThat(shown).contains("installed index template correlog").contains("rejected 0");
    assertThat(shown).contains("read from OpenSearch");
    assertThat(spanRows(cluster)).isNotEmpty().isEqualTo(spanRows(files));
    assertThat(cluster.lines()).hasSameSizeAs(files.lines());
    assertThat(cluster.services()).isEqualTo(files.services());
  }

  private static List<String> spanRows(Trace trace) {
    List<String> rows = new ArrayList<>();
    for (Span s : trace.spans()) {
      rows.add(s.depth() + " " + s.service() + " " + s.operation() + " " + s.durationMicros());
    }
    return rows;
  }
}
