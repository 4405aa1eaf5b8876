package dev.correlog.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.correlog.Correlog;
import dev.correlog.sink.Sinks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/** Configures the real Logback from an XML file in test resources; reads the lines it wrote. */
final class LogbackConfig {
  static final ObjectMapper JSON = new ObjectMapper();

  private LogbackConfig() {}

  static LoggerContext configure(String resource, Path logFile) throws Exception {
    // A context of its own per test (Logback's global one is left to the README test): the same
    // classes and XML configuration, sharing the MDC adapter org.slf4j.MDC writes to.
    LoggerContext context = new LoggerContext();
    context.setName("test");
    context.setMDCAdapter(MDC.getMDCAdapter());
    context.putProperty("LOG_FILE", logFile.toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogbackConfig.class.getClassLoader().getResource(resource));
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .noneMatch(s -> s.getLevel() >= ch.qos.logback.core.status.Status.ERROR);
    context.start();
    return context;
  }

  /** Every line of the file, each validated against the schema the configured instance exports. */
  static List<JsonNode> lines(Path logFile) throws Exception {
    String jsonSchema =
        Correlog.builder()
            .service("order-service")
            .version("1.4.2")
            .environment("test")
            .sink(Sinks.discarding())
            .build()
            .toJsonSchema();
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(jsonSchema);
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
      JsonNode node = JSON.readTree(line);
      assertThat(schema.validate(node)).as("schema validation of %s", line).isEmpty();
      out.add(node);
    }
    return out;
  }
}
