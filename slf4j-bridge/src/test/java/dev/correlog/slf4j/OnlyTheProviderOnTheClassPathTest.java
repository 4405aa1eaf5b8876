package dev.correlog.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.Correlog;
import dev.correlog.sink.Sinks;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM whose class path holds only slf4j-api, correlog-slf4j and correlog-core (and the one
 * application class): adding the jar is the whole set-up, and the lines it writes on standard
 * output validate against the exported JSON Schema and carry the current trace ids.
 */
class OnlyTheProviderOnTheClassPathTest {
  @TempDir Path dir;

  @Test
  void slf4jCallsBecomeCorrelogLines_withTheCurrentTraceIds() throws Exception {
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String e = entry.replace('\\', '/');
      if (e.contains("/slf4j-api-")
          || e.endsWith("slf4j-bridge/target/classes")
          || e.endsWith("core/target/classes")
          || e.contains("/correlog-core-")) {
        classPath.add(entry);
      }
    }
    Path app = dir.resolve("app");
    Path pkg = app.resolve("dev/correlog/slf4j");
    Files.createDirectories(pkg);
    Path compiled =
        Path.of(
            OnlyTheProviderApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.copy(
        compiled.resolve("dev/correlog/slf4j/OnlyTheProviderApp.class"),
        pkg.resolve("OnlyTheProviderApp.class"));
    classPath.add(app.toString());
    assertThat(classPath).hasSize(4);

    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(File.pathSeparator, classPath),
                "-Dcorrelog.service=checkout",
                "-Dcorrelog.version=2.0.0",
                OnlyTheProviderApp.class.getName())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(stderr).isZero();
    assertThat(stderr).doesNotContain("SLF4J");

    String schema =
        Correlog.builder()
            .service("checkout")
            .version("2.0.0")
            .sink(Sinks.discarding())
            .build()
            .toJsonSchema();
    List<JsonNode> lines = Captured.parse(schema, Files.readAllLines(out, StandardCharsets.UTF_8));
    assertThat(lines).hasSize(3);
    for (JsonNode line : lines) {
      assertThat(line.get("service").asText()).isEqualTo("checkout");
      assertThat(line.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(line.get("span_id").asText()).isEqualTo("00f067aa0ba902b7");
      assertThat(line.get("request_id").asText()).isEqualTo("req-7");
      assertThat(line.get("logger").asText()).isEqualTo(OnlyTheProviderApp.class.getName());
      assertThat(line.get("tenantId").asText()).isEqualTo("acme");
    }
    assertThat(lines.get(0).get("message").asText()).isEqualTo("order 1001 placed by alice");
    assertThat(lines.get(1).get("event").asText()).isEqualTo("order.placed");
    assertThat(lines.get(1).get("user_id").isIntegralNumber()).isTrue();
    assertThat(lines.get(2).get("level").asText()).isEqualTo("ERROR");
    assertThat(lines.get(2).get("error").toString()).contains("card declined");
  }
}
