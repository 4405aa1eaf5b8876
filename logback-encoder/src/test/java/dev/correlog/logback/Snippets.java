package dev.correlog.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Extracts a fenced block from a README and compiles Java snippets with the test class path. */
final class Snippets {
  private Snippets() {}

  /** The first {@code ```lang} block after {@code heading} in {@code readme}. */
  static String block(Path readme, String heading, String lang) throws Exception {
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int at = text.indexOf(heading);
    assertThat(at).as("%s in %s", heading, readme).isNotNegative();
    Matcher m = Pattern.compile("```" + lang + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
    assertThat(m.find(at)).isTrue();
    return m.group(1);
  }

  static void compile(Path source, Path out) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean ok =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString()),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(source.toFile()))
            .call();
    assertThat(ok).as(errors.toString()).isTrue();
  }
}
