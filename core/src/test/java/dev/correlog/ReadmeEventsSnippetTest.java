package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Events from elsewhere" snippet compiles as written and does what it says. */
class ReadmeEventsSnippetTest {
  @TempDir Path dir;

  @Test
  void theSnippetCompiles_andWritesTheLinesItDescribes() throws Exception {
    String readme =
        Files.readString(Path.of("..", "README.md").toAbsolutePath(), StandardCharsets.UTF_8);
    int section = readme.indexOf("#### Events from elsewhere");
    assertThat(section).isPositive();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find(section)).isTrue();
    Path source = dir.resolve("Bridge.java");
    Files.writeString(source, m.group(1));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean ok =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", dir.toString()),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(source.toFile()))
            .call();
    assertThat(ok).as(errors.toString()).isTrue();

    CollectingSink sink = new CollectingSink();
    Correlog correlog = Lines.builder(sink).build();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> bridge = loader.loadClass("Bridge");
      Method log =
          bridge.getDeclaredMethod(
              "log",
              Correlog.class,
              dev.correlog.context.TraceContext.class,
              Instant.class,
              String.class,
              Map.class,
              Throwable.class);
      log.setAccessible(true);
      log.invoke(
          null,
          correlog,
          null,
          Instant.parse("2025-04-16T14:23:01Z"),
          "worker-1",
          Map.of("tenantId", "acme"),
          new IllegalStateException("boom"));
      Method encode =
          bridge.getDeclaredMethod(
              "encode", Correlog.class, dev.correlog.context.TraceContext.class);
      encode.setAccessible(true);
      byte[] line = (byte[]) encode.invoke(null, correlog, null);
      var logged = Lines.single(correlog, sink);
      assertThat(logged.get("userId").asInt()).isEqualTo(12345);
      assertThat(logged.get("tenantId").asText()).isEqualTo("acme");
      assertThat(logged.get("thread").asText()).isEqualTo("worker-1");
      var encoded = Lines.JSON.readTree(line);
      assertThat(encoded.get("user_id").asInt()).isEqualTo(12345);
      assertThat(new String(line, StandardCharsets.UTF_8)).endsWith("}\n");
    }
  }
}
