package dev.correlog.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;
  private Services services;
  private String ok;
  private String failed;
  private List<String> files;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void fourServices() throws IOException {
    services = new Services();
    services.request("bg-1", false);
    ok = services.request("req-ok", false);
    failed = services.request("req-failed", true);
    files = new ArrayList<>();
    services.files(dir).forEach(f -> files.add(f.toString()));
  }

  @AfterEach
  void close() {
    services.close();
  }

  private int run(Map<String, String> env, boolean terminal, InputStream stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (stdin == null) {
      all.addAll(files);
    }
    return Main.run(
        all.toArray(new String[0]),
        stdin == null ? InputStream.nullInputStream() : stdin,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env,
        terminal);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void traceOnATerminalIsColouredByLevel() {
    assertThat(run(Map.of(), true, null, "--trace", failed)).isZero();
    assertThat(out()).contains("\u001b[1;31mERROR\u001b[0m", "\u001b[33mWARN ");
    assertThat(out()).contains("gateway http.server.request", "java.lang.IllegalStateException");
  }

  @Test
  void plainWithNoColorOrWhenNotATerminal() {
    assertThat(run(Map.of("NO_COLOR", "1"), true, null, "--trace", failed)).isZero();
    assertThat(run(Map.of(), false, null, "--trace", failed)).isZero();
    assertThat(out()).doesNotContain("\u001b[");
    assertThat(out()).contains("ERROR inventory");
  }

  @Test
  void waterfallThenLinesInTimeOrder() {
    assertThat(run(Map.of(), false, null, "--trace", ok)).isZero();
    String[] rows = out().split("\n");
    assertThat(rows[0])
        .startsWith(
            "trace " + ok + "  request req-ok," + ok + "  4 services, 7 spans, 11 lines, 12.0 ms");
    assertThat(rows[1]).startsWith("gateway http.server.request").contains("6.0 ms |\u2588");
    assertThat(rows[2]).startsWith("\u2514\u2500 gateway rpc.client.call");
    assertThat(rows[7]).startsWith("      \u2514\u2500 fulfillment messaging.process");
    assertThat(rows[8]).isEmpty();
    assertThat(rows[9]).contains("INFO  gateway", "order.received", "order in", "sku=A-1");
    assertThat(rows[19]).contains("fulfillment", "messaging.process", "duration_ms=4.0");
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("read ");
  }

  @Test
  void requestFromGzipOnStandardInputWithHtml() throws IOException {
    byte[] gz = Files.readAllBytes(Services.gzip(dir.resolve("all.gz"), services.interleaved()));
    Path html = dir.resolve("t.html");
    assertThat(
            run(
                Map.of(),
                false,
                new ByteArrayInputStream(gz),
                "--request",
                "req-ok",
                "--html",
                html.toString()))
        .isZero();
    assertThat(out()).contains("fulfillment messaging.process");
    assertThat(Files.readString(html)).contains("<svg", "class=\"bar\"");
  }

  @Test
  void errorsAndStats() {
    assertThat(run(Map.of(), false, null, "--errors")).isZero();
    assertThat(out())
        .contains("1 traces with errors", "trace " + failed + "  request req-failed")
        .contains("entry        gateway http.server.request  http.method=\"POST\"")
        .contains("first error  inventory stock.failed  java.lang.IllegalStateException");
    out.reset();
    assertThat(run(Map.of(), false, null, "--stats")).isZero();
    assertThat(out())
        .startsWith("31 lines, 31 events estimated from sample_rate")
        .containsPattern("gateway +9 +9")
        .containsPattern("ERROR +1 +1")
        .containsPattern("stock.failed +1 +1");
  }

  @Test
  void unknownTraceExitsOneAndBadUsageTwo() {
    assertThat(run(Map.of(), false, null, "--trace", "f".repeat(32))).isEqualTo(1);
    assertThat(out()).contains("no line of trace ffff");
    assertThat(run(Map.of(), false, null, "--stats", "--errors")).isEqualTo(2);
    assertThat(run(Map.of(), false, null, "--bogus")).isEqualTo(2);
    assertThat(run(Map.of(), false, null, "--html", "x.html", "--stats")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: correlog-trace");
  }
}
