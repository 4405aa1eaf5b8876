package dev.correlog.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the official W3C Trace Context test suite ({@code ../shared/w3c-trace-context/} next to the
 * project root, never copied into the project) at {@code SPEC_LEVEL=2} against {@link
 * W3cTestService} on a real Jetty. Runs when the suite and Debian's {@code python3} with {@code
 * aiohttp} are present ({@code .ci/run} installs {@code python3-aiohttp}).
 */
class W3cTraceContextSuiteTest {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  @Test
  @Timeout(300)
  void passesAtSpecLevel2() throws Exception {
    Path suite = suiteDir();
    assumeTrue(Files.isRegularFile(suite.resolve("test.py")), "W3C suite not found at " + suite);
    assumeTrue(hasAiohttp(), PYTHON + " with aiohttp not found");

    try (Lines lines = new Lines("w3c-test-service");
        JettyApp app = JettyApp.start(W3cTestService.create(lines.correlog))) {
      ProcessBuilder pb =
          new ProcessBuilder(PYTHON.toString(), "test.py", app.uri("/test").toString())
              .directory(suite.toFile())
              .redirectErrorStream(true);
      pb.environment().put("SPEC_LEVEL", "2");
      pb.environment().put("STRICT_LEVEL", "2");
      pb.environment().put("HARNESS_PORT", Integer.toString(freePort()));
      pb.environment().put("HARNESS_HOST", "127.0.0.1");
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(240, TimeUnit.SECONDS)).isTrue();
      String output = new String(out, StandardCharsets.UTF_8);
      System.out.println(output);

      Matcher ran = Pattern.compile("Ran (\\d+) tests?").matcher(output);
      assertThat(ran.find()).as(output).isTrue();
      assertThat(Integer.parseInt(ran.group(1))).as(output).isGreaterThanOrEqualTo(40);
      assertThat(output).as(output).doesNotContain("skipped 'Trace Context Level 2'");
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).as(output).containsPattern("(?m)^OK");
    }
  }

  /** {@code -Dw3c.suite=..}, else {@code ../shared/w3c-trace-context/test} of the project root. */
  static Path suiteDir() {
    String configured = System.getProperty("w3c.suite");
    if (configured != null) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    Path root = Files.isRegularFile(dir.resolve("../pom.xml")) ? dir.getParent() : dir;
    return root.resolveSibling("shared").resolve("w3c-trace-context").resolve("test").normalize();
  }

  static boolean hasAiohttp() throws InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import aiohttp").start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
