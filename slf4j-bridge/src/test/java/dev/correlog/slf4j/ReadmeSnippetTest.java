package dev.correlog.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.Correlog;
import dev.correlog.sink.Sinks;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "new application" snippet of this module's README (and the same one in the main README)
 * compiles and, run in a child JVM, prints the lines it says.
 */
class ReadmeSnippetTest {
  private static final String HEADING = "## New application: SLF4J calls as Correlog lines";

  @TempDir Path dir;

  @Test
  void theMainReadme_hasTheSameSnippet() throws Exception {
    assertThat(Snippets.block(Path.of("..", "README.md"), "SLF4J calls as Correlog lines", "java"))
        .isEqualTo(Snippets.block(Path.of("README.md"), HEADING, "java"));
  }

  @Test
  void theSnippetCompiles_andWritesCorrelogLines() throws Exception {
    Path source = dir.resolve("Checkout.java");
    Files.writeString(source, Snippets.block(Path.of("README.md"), HEADING, "java"));
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    Snippets.compile(source, classes);

    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classes + File.pathSeparator + System.getProperty("java.class.path"),
                "Checkout")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();

    String schema =
        Correlog.builder()
            .service("checkout")
            .version("2.0.0")
            .sink(Sinks.discarding())
            .build()
            .toJsonSchema();
    List<JsonNode> lines = Captured.parse(schema, Files.readAllLines(out, StandardCharsets.UTF_8));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("message").asText()).isEqualTo("order 1001 placed by alice");
    assertThat(lines.get(0).get("request_id").asText()).isEqualTo("req-1");
    assertThat(lines.get(1).get("event").asText()).isEqualTo("order.placed");
    assertThat(lines.get(1).get("user_id").isIntegralNumber()).isTrue();
    assertThat(lines.get(1).get("trace_id")).isEqualTo(lines.get(0).get("trace_id"));
  }
}
