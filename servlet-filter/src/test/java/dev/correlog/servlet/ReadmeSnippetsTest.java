package dev.correlog.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java snippet of the module's README compiles against this module and Jetty. */
class ReadmeSnippetsTest {
  private static final String IMPORTS =
      "import dev.correlog.*; import dev.correlog.servlet.*; import dev.correlog.propagation.*;"
          + " import jakarta.servlet.*; import jakarta.servlet.http.*; import java.net.URI;"
          + " import java.net.http.HttpRequest; import java.time.Duration; import java.util.EnumSet;"
          + " import org.eclipse.jetty.ee10.servlet.*;";
  // The names a snippet may use without declaring them.
  private static final String PARAMS =
      "ServletContextHandler context, HttpServletRequest request, EventLogger log, URI uri";

  @TempDir Path out;

  @Test
  void everyJavaSnippetCompiles() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<JavaFileObject> sources = new ArrayList<>();
    while (m.find()) {
      int n = sources.size();
      String code =
          IMPORTS
              + " class Snippet"
              + n
              + " { void run("
              + PARAMS
              + ") throws Exception {\n"
              + m.group(1)
              + "\n} }";
      sources.add(
          new SimpleJavaFileObject(
              URI.create("string:///Snippet" + n + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return code;
            }
          });
    }
    assertThat(sources).hasSizeGreaterThanOrEqualTo(3);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean ok =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path")),
                null,
                sources)
            .call();
    assertThat(ok).as(errors.toString()).isTrue();
  }
}
