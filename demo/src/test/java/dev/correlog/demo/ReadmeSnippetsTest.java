package dev.correlog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet in the top-level README compiles as written: each one is a whole source file
 * (its imports shown), compiled against the published modules the demo depends on. A fragment that
 * needs hidden imports or an enclosing class fails here.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TYPE =
      Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|interface|record|enum)\\s+(\\w+)");

  @TempDir Path dir;

  @Test
  void everyJavaSnippetInTheReadmeIsACompleteSourceFileThatCompiles() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher m = JAVA.matcher(readme);
    List<Path> sources = new ArrayList<>();
    List<String> fragments = new ArrayList<>();
    int index = 0;
    while (m.find()) {
      String code = m.group(1);
      int line = readme.substring(0, m.start()).split("\n", -1).length;
      Matcher type = TYPE.matcher(code);
      if (!type.find()) {
        fragments.add("README.md:" + line + " is not a whole source file (no top-level type)");
        continue;
      }
      // Each snippet in its own package-less directory: names may repeat across snippets.
      Path d = Files.createDirectories(dir.resolve("s" + index++));
      Path file = d.resolve(type.group(4) + ".java");
      Files.writeString(file, "// README.md:" + line + "\n" + code, StandardCharsets.UTF_8);
      sources.add(file);
    }
    assertThat(fragments).isEmpty();
    assertThat(sources).hasSizeGreaterThan(5);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (Path source : sources) {
      StringWriter errors = new StringWriter();
      boolean ok =
          javac
              .getTask(
                  errors,
                  null,
                  null,
                  List.of(
                      "-classpath",
                      System.getProperty("java.class.path"),
                      "-proc:none",
                      "-d",
                      source.getParent().resolve("out").toString()),
                  null,
                  javac
                      .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                      .getJavaFileObjects(source.toFile()))
              .call();
      assertThat(ok).as(Files.readAllLines(source).get(0) + "\n" + errors).isTrue();
    }
  }
}
