package dev.correlog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.correlog.trace.Span;
import dev.correlog.trace.Trace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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

  /**
   * Every failed request that was not head-sampled: the gateway's {@code order.received}, held
   * (dropped by the 50% rule) or kept by the rule, is in the gateway's file before the trace's
   * first ERROR there, marked {@code "trace_sampled":false}. Inventory's gRPC thread leaves the
   * trace before the gateway logs its ERROR: the held line must outlive that exit, as lines are
   * held until the trace's last scope in the JVM closes.
   */
  @Test
  void everyFailedUnsampledRequest_wroteTheGatewaysOrderReceived_beforeItsFirstError()
      throws Exception {
    Map<String, List<JsonNode>> gateway = linesByTrace("gateway");
    List<String> failed =
        outcome.results().stream()
            .filter(r -> r.kind() == Traffic.Kind.FAILING && !r.sampled())
            .map(Traffic.Result::traceId)
            .toList();
    assertThat(failed).isNotEmpty();
    int flushed = 0;
    for (String traceId : failed) {
      List<JsonNode> lines = gateway.getOrDefault(traceId, List.of());
      int error = indexOf(lines, n -> n.path("level").asText().equals("ERROR"));
      int received = indexOf(lines, n -> n.path("event").asText().equals("order.received"));
      assertThat(error).as("the gateway's first ERROR of trace %s", traceId).isNotNegative();
      assertThat(received)
          .as("the gateway's order.received of trace %s, before its first ERROR", traceId)
          .isNotNegative()
          .isLessThan(error);
      JsonNode line = lines.get(received);
      assertThat(line.get("trace_sampled")).as(line.toString()).isEqualTo(BooleanNode.FALSE);
      if (line.path("sampled_by").asText().equals("error_flush")) {
        flushed++;
      }
    }
    // The rule drops about half of these traces' business events: those lines were held, the
    // ones a discard at the first thread's exit would lose (all kept by the rule: 2^-18 or so).
    assertThat(flushed).as("order.received lines written by error flush").isPositive();
  }

  private static Map<String, List<JsonNode>> linesByTrace(String service) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, List<JsonNode>> byTrace = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve(service + ".ndjson"))) {
      JsonNode n = json.readTree(line);
      byTrace.computeIfAbsent(n.path("trace_id").asText(), k -> new ArrayList<>()).add(n);
    }
    return byTrace;
  }

  private static int indexOf(List<JsonNode> lines, Predicate<JsonNode> test) {
    for (int i = 0; i < lines.size(); i++) {
      if (test.test(lines.get(i))) {
        return i;
      }
    }
    return -1;
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
