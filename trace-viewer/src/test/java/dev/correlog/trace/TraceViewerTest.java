package dev.correlog.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceViewerTest {
  @TempDir Path dir;
  private Services services;
  private String ok;
  private String failed;

  @BeforeEach
  void fourServices() {
    services = new Services();
    for (int i = 0; i < 20; i++) {
      services.request("bg-" + i, i % 7 == 3);
      if (i == 8) {
        ok = services.request("req-ok", false);
        failed = services.request("req-failed", true);
      }
    }
  }

  @AfterEach
  void close() {
    services.close();
  }

  @Test
  void rebuildsTheCallTreeAcrossOneFilePerService() throws IOException {
    Trace trace = TraceViewer.find(TraceQuery.trace(ok), Inputs.files(services.files(dir)));

    assertThat(trace.services()).containsExactly("gateway", "inventory", "pricing", "fulfillment");
    assertThat(trace.roots()).hasSize(1);
    assertThat(rows(trace))
        .containsExactly(
            "0 gateway http.server.request 6000",
            "1 gateway rpc.client.call 5200",
            "2 inventory rpc.server.call 4500",
            "3 inventory rpc.client.call 2000",
            "4 pricing rpc.server.call 1500",
            "3 inventory messaging.publish 0",
            "4 fulfillment messaging.process 4000");
    Span root = trace.roots().get(0);
    assertThat(root.parentSpanId()).isNull();
    assertThat(root.isMeasured()).isTrue();
    assertThat(trace.lines()).hasSize(11);
    assertThat(trace.lines())
        .isSortedAccordingTo((a, b) -> Long.compare(a.epochMicros(), b.epochMicros()));
    assertThat(trace.lines()).allMatch(l -> l.traceId().equals(ok));
    assertThat(trace.scan().skipped()).isZero();
  }

  @Test
  void interleavedOutOfOrderAndGzipInputGiveTheSameTrace() throws IOException {
    Trace expected = TraceViewer.find(TraceQuery.trace(ok), Inputs.files(services.files(dir)));
    List<String> all = services.interleaved();
    Path interleaved = Services.write(dir.resolve("all.ndjson"), all);
    List<String> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(42));
    Path half = Services.gzip(dir.resolve("a.ndjson.gz"), shuffled.subList(0, all.size() / 2));
    Path rest = Services.write(dir.resolve("b.log"), shuffled.subList(all.size() / 2, all.size()));

    for (Inputs inputs : List.of(Inputs.files(interleaved), Inputs.files(rest, half))) {
      Trace trace = TraceViewer.find(TraceQuery.trace(ok.toUpperCase()), inputs);
      assertThat(rows(trace)).isEqualTo(rows(expected));
      assertThat(texts(trace)).isEqualTo(texts(expected));
    }
  }

  @Test
  void malformedAndForeignLinesAreSkippedAndCounted() throws IOException {
    List<String> lines = new ArrayList<>(services.interleaved());
    String sample =
        services.lines("inventory").stream().filter(l -> l.contains(ok)).findFirst().orElseThrow();
    lines.add(3, "not json at all " + ok);
    lines.add(5, sample.substring(0, sample.length() / 2)); // cut off mid-line
    lines.add(7, "{\"trace_id\":\"" + ok + "\",\"msg\":\"another logger\"}");
    lines.add(9, sample.replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"yesterday\""));
    lines.add(11, "[\"" + ok + "\"]");
    lines.add(13, sample + " trailing");
    lines.add(15, "{\"x\":\"" + ok + "x".repeat(LineScanner.MAX_LINE) + "\"}");
    lines.add("");
    Path file = Services.write(dir.resolve("dirty.ndjson"), lines);

    Trace trace = TraceViewer.find(TraceQuery.trace(ok), Inputs.files(file));

    assertThat(trace.lines()).hasSize(11);
    assertThat(trace.spans()).hasSize(7);
    assertThat(trace.scan().malformed()).isEqualTo(4);
    assertThat(trace.scan().notCorrelog()).isEqualTo(2);
    assertThat(trace.scan().oversize()).isEqualTo(1);
    assertThat(trace.scan().summary()).contains("skipped 4 malformed, 2 non-Correlog, 1 oversize");
  }

  @Test
  void aRequestIdFindsTheWholeTraceEvenWhereTheIdDidNotTravel() throws IOException {
    List<Path> files = services.files(dir);
    Trace trace = TraceViewer.find(TraceQuery.request("req-ok"), Inputs.files(files));
    assertThat(trace.traceIds()).containsExactly(ok);
    assertThat(trace.services()).contains("fulfillment");
    assertThat(trace.lines()).hasSize(11);
    assertThat(trace.lines())
        .filteredOn(l -> l.service().equals("fulfillment"))
        .allMatch(l -> l.requestId().equals(ok));

    byte[] stdin = Files.readAllBytes(Services.gzip(dir.resolve("in.gz"), services.interleaved()));
    Trace fromStdin =
        TraceViewer.find(
            TraceQuery.request("req-ok"),
            Inputs.stream(new ByteArrayInputStream(stdin), "<stdin>"));
    assertThat(rows(fromStdin)).isEqualTo(rows(trace));
  }

  @Test
  void aSpanWhoseParentLoggedNothingIsARootMarkedAsSuch() throws IOException {
    List<String> lines = new ArrayList<>(services.interleaved());
    lines.removeIf(
        l ->
            l.contains(ok)
                && l.contains("\"service\":\"gateway\"")
                && l.contains("rpc.client.call"));
    Trace trace =
        TraceViewer.find(
            TraceQuery.trace(ok), Inputs.files(Services.write(dir.resolve("x.ndjson"), lines)));

    assertThat(trace.roots()).extracting(Span::service).containsExactly("gateway", "inventory");
    Span orphan = trace.roots().get(1);
    assertThat(orphan.isParentMissing()).isTrue();
    assertThat(orphan.children()).hasSize(2);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    TextRenderer.plain()
        .printWaterfall(trace, new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("inventory rpc.server.call (parent " + orphan.parentSpanId() + " not in input)");
  }

  @Test
  void aTraceNotSampled_saysTheRestWasNeverWritten() throws IOException {
    List<String> lines = new ArrayList<>(services.interleaved());
    lines.replaceAll(
        l ->
            l.contains(failed) && l.contains("\"level\":\"ERROR\"")
                ? l.substring(0, l.lastIndexOf('}')) + ",\"trace_sampled\":false}"
                : l);
    Path file = Services.write(dir.resolve("n.ndjson"), lines);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Trace notSampled = TraceViewer.find(TraceQuery.trace(failed), Inputs.files(file));
    TextRenderer.plain()
        .printWaterfall(notSampled, new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("not sampled: these lines were kept");
    java.io.StringWriter html = new java.io.StringWriter();
    HtmlRenderer.write(notSampled, html);
    assertThat(html.toString()).contains("<p class=\"summary\">not sampled: these lines were kept");
    out.reset();
    TextRenderer.plain()
        .printWaterfall(
            TraceViewer.find(TraceQuery.trace(ok), Inputs.files(file)),
            new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("not sampled");
  }

  @Test
  void keepsAtMostMaxLinesAndCountsTheRest() throws IOException {
    Trace trace =
        TraceViewer.find(TraceQuery.trace(ok).maxLines(4), Inputs.files(services.files(dir)));
    assertThat(trace.lines()).hasSize(4);
    assertThat(trace.droppedLines()).isEqualTo(7);
  }

  @Test
  void anUnknownTraceIsEmptyAndAnUnreadableFileDoesNotStopTheOthers() throws IOException {
    List<Path> files = new ArrayList<>(services.files(dir));
    byte[] gz = Files.readAllBytes(Services.gzip(dir.resolve("x.gz"), services.interleaved()));
    Path truncated = dir.resolve("truncated.gz");
    Files.write(truncated, java.util.Arrays.copyOf(gz, gz.length / 2));
    files.add(0, truncated);
    files.add(dir.resolve("missing.ndjson"));

    Trace trace = TraceViewer.find(TraceQuery.trace(ok), Inputs.files(files));
    assertThat(trace.spans()).hasSize(7);
    assertThat(trace.scan().unreadable()).hasSize(2);
    assertThat(TraceViewer.find(TraceQuery.trace("0".repeat(32)), Inputs.files(files)).isEmpty())
        .isTrue();
  }

  @Test
  void errorsListsFailedTracesWithTheirEntryAndFirstError() throws IOException {
    ErrorReport report = TraceViewer.errors(Inputs.files(services.files(dir)));

    assertThat(report.traces()).hasSize(4); // req-failed and bg-3, bg-10, bg-17
    ErrorReport.Entry e =
        report.traces().stream().filter(t -> t.traceId().equals(failed)).findFirst().orElseThrow();
    assertThat(e.requestId()).isEqualTo("req-failed");
    assertThat(e.entryService()).isEqualTo("gateway");
    assertThat(e.entryEvent()).isEqualTo("http.server.request");
    assertThat(e.firstErrorService()).isEqualTo("inventory");
    assertThat(e.firstError()).isEqualTo("java.lang.IllegalStateException: out of stock: A-1");
    assertThat(report.traces()).noneMatch(t -> t.traceId().equals(ok));
    assertThat(report.scan().lines()).isEqualTo(services.interleaved().size());
  }

  @Test
  void statsCountLinesAndExtrapolateBySampleRate() throws IOException {
    List<String> lines = new ArrayList<>(services.interleaved());
    lines.add(
        services
            .lines("gateway")
            .get(0)
            .replace("\"event\":\"order.received\"", "\"event\":\"health.check\"")
            .replace("}", ",\"sample_rate\":100}"));
    lines.add("garbage");
    Stats stats = TraceViewer.stats(Inputs.files(Services.write(dir.resolve("s.ndjson"), lines)));

    assertThat(stats.total().lines()).isEqualTo(lines.size() - 1);
    assertThat(stats.byService().keySet())
        .containsExactlyInAnyOrder("gateway", "inventory", "pricing", "fulfillment");
    assertThat(stats.byEvent().get("health.check").estimated()).isEqualTo(100.0);
    assertThat(stats.byLevel().get("ERROR").lines()).isEqualTo(4);
    assertThat(stats.total().estimated()).isEqualTo(lines.size() - 2 + 100.0);
    assertThat(stats.scan().malformed()).isEqualTo(1);
  }

  static List<String> rows(Trace trace) {
    List<String> rows = new ArrayList<>();
    for (Span s : trace.spans()) {
      rows.add(s.depth() + " " + s.service() + " " + s.operation() + " " + s.durationMicros());
    }
    return rows;
  }

  static List<String> texts(Trace trace) {
    List<String> texts = new ArrayList<>();
    trace.lines().forEach(l -> texts.add(l.timestamp() + " " + l.service() + " " + l.event()));
    return texts;
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
