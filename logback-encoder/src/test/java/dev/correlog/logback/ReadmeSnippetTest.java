package dev.correlog.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.correlog.Correlog;
import dev.correlog.sink.Sinks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The "application keeping Logback" snippets of this module's README (and the same ones in the main
 * README): the logback.xml configures a real Logback, the Java code compiles, and together they
 * write Correlog lines with the context's ids, through the AsyncAppender.
 */
class ReadmeSnippetTest {
  private static final String HEADING = "## Application keeping Logback";

  @TempDir Path dir;

  @Test
  void theMainReadme_hasTheSameSnippets() throws Exception {
    Path main = Path.of("..", "README.md");
    Path module = Path.of("README.md");
    assertThat(Snippets.block(main, "Application keeping Logback", "xml"))
        .isEqualTo(Snippets.block(module, HEADING, "xml"));
    assertThat(Snippets.block(main, "Application keeping Logback", "java"))
        .isEqualTo(Snippets.block(module, HEADING, "java"));
  }

  @Test
  void theSnippetsConfigureLogback_andWriteCorrelogLines() throws Exception {
    Path module = Path.of("README.md");
    String xml = Snippets.block(module, "`logback.xml`:", "xml");
    Path source = dir.resolve("Orders.java");
    Files.writeString(source, Snippets.block(module, HEADING, "java"));
    Snippets.compile(source, dir);

    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      context.reset();
      Path config = dir.resolve("logback.xml");
      Files.writeString(config, xml);
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(config.toFile());
      loader.loadClass("Orders").getMethod("placeOrder", String.class).invoke(null, "req-9");
      context.stop(); // drains the AsyncAppender
    } finally {
      System.setOut(original);
      context.reset();
    }

    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(
                Correlog.builder()
                    .service("order-service")
                    .version("1.4.2")
                    .environment("production")
                    .sink(Sinks.discarding())
                    .build()
                    .toJsonSchema());
    List<JsonNode> lines = new ArrayList<>();
    for (String raw : captured.toString(StandardCharsets.UTF_8).split("\n")) {
      JsonNode node = LogbackConfig.JSON.readTree(raw);
      assertThat(schema.validate(node)).as(raw).isEmpty();
      lines.add(node);
    }
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("message").asText()).isEqualTo("order 1001 placed");
    assertThat(lines.get(0).get("request_id").asText()).isEqualTo("req-9");
    assertThat(lines.get(1).get("request_id").asText()).isEqualTo("req-9");
    assertThat(lines.get(1).get("trace_id")).isEqualTo(lines.get(0).get("trace_id"));
    assertThat(lines.get(1).get("event").asText()).isEqualTo("order.placed");
    assertThat(lines.get(1).get("user_id").isIntegralNumber()).isTrue();
  }
}
