package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values rendered through Jackson are bounded as they are written: a small heap survives. */
class JacksonHeapTest {
  @Test
  void hugeAndSelfContainingValues_doNotRunA256MegabyteHeapOutOfMemory(@TempDir Path dir)
      throws Exception {
    Path err = dir.resolve("stderr");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    JacksonHeapProbe.class.getName()))
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out).as("stderr: %s", java.nio.file.Files.readString(err)).contains("VERDICT OK");
  }
}
