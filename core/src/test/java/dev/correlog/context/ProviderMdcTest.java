package dev.correlog.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MDC mirror goes through {@code org.slf4j.MDC} only: with another SLF4J provider selected (as
 * Correlog's own provider will be), its MDC adapter receives the mirror's calls.
 */
class ProviderMdcTest {
  @Test
  void theMirrorWritesThroughWhateverMdcAdapterTheProviderHas(@TempDir Path dir) throws Exception {
    Path err = dir.resolve("stderr");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-Dslf4j.provider=" + RecordingSlf4jProvider.class.getName(),
                "-cp",
                System.getProperty("java.class.path"),
                ProviderMdcProbe.class.getName())
            .redirectError(err.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    List<String> lines = out.lines().toList();
    assertThat(lines.get(0)).startsWith("adapter " + RecordingSlf4jProvider.class.getName());
    assertThat(lines)
        .containsSubsequence(
            "inside 0af7651916cd43dd8448eb211c80319c",
            "call put trace_id=0af7651916cd43dd8448eb211c80319c",
            "call put span_id=b7ad6b7169203331",
            "call put trace_flags=01",
            "call put request_id=req-probe",
            "call remove trace_id",
            "call remove span_id",
            "call remove trace_flags",
            "call remove request_id");
  }
}
