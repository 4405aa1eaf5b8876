package dev.correlog.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML view in a real headless Chromium (Debian's {@code /usr/bin/chromium}, which {@code
 * .ci/run} installs) and checks the DOM after the page's script ran. Runs when chromium is
 * installed.
 */
class HtmlInChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;
  private Services services;
  private Path page;

  @BeforeEach
  void page() throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
    services = new Services();
    services.request("bg-1", false);
    String failed = services.request("req-<failed>", true);
    String ok = services.request("req-ok", false);
    services.request("bg-2", true);
    page = dir.resolve("trace.html");
    HtmlRenderer.write(
        TraceViewer.find(TraceQuery.trace(ok), Inputs.files(services.files(dir))), page);
    HtmlRenderer.write(
        TraceViewer.find(TraceQuery.request("req-<failed>"), Inputs.files(services.files(dir))),
        dir.resolve("failed.html"));
    assertThat(failed).isNotEmpty();
  }

  @AfterEach
  void close() {
    if (services != null) {
      services.close();
    }
  }

  @Test
  void showsOneBarPerSpanAndOneRowPerLine() throws Exception {
    String dom = chromium("--dump-dom", page.toUri() + "");
    assertThat(count(dom, "<rect class=\"bar\"")).isEqualTo(7);
    assertThat(count(dom, "<tr class=\"line ")).isEqualTo(11);
    for (String service : Services.NAMES) {
      assertThat(dom).contains("data-service=\"" + service + "\"");
    }
    assertThat(dom).contains("11 lines shown", "fulfillment \u00b7 messaging.process");
    assertThat(count(dom, "display: none")).isZero();
  }

  @Test
  void filtersByLevelAndServiceInTheBrowser() throws Exception {
    String dom = chromium("--dump-dom", page.toUri() + "#level=DEBUG,INFO&service=inventory");
    assertThat(dom).contains("4 lines shown"); // stock.lookup, two calls, messaging.publish
    assertThat(count(dom, "display: none")).isEqualTo(7);
    List<String> shown = new ArrayList<>();
    Matcher m =
        Pattern.compile("<tr class=\"line[^>]*data-service=\"([a-z]+)\"( style=\"\")?>")
            .matcher(dom);
    while (m.find()) {
      shown.add(m.group(1));
    }
    assertThat(shown).hasSize(4).containsOnly("inventory");

    String failed = chromium("--dump-dom", dir.resolve("failed.html").toUri() + "#level=ERROR");
    assertThat(failed).contains("1 lines shown", "out of stock: A-1", "req-&lt;failed&gt;");
    assertThat(count(failed, "<g class=\"span error\"")).isEqualTo(1);
  }

  @Test
  void screenshot() throws Exception {
    Path png = Path.of("target", "trace-view.png").toAbsolutePath();
    Files.deleteIfExists(png);
    chromium("--screenshot=" + png, "--window-size=1100,760", page.toUri() + "");
    assertThat(png).exists();
    byte[] head = Files.readAllBytes(png);
    assertThat(head.length).isGreaterThan(10_000);
    assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  private String chromium(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile")));
    command.addAll(List.of(args));
    Path stdout = dir.resolve("dom.html");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(dir.resolve("chromium.err").toFile())
            .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s");
    }
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
    return Files.readString(stdout);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
