package dev.correlog.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's Java blocks are the compiled code of {@link ReadmeSnippets}, in order. */
class ReadmeTest {
  private static final Path MODULE = Path.of(System.getProperty("user.dir"));

  private static List<String> blocks(String text, Pattern p) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1).replaceAll("\\s+", ""));
    }
    return out;
  }

  @Test
  void readmeJavaBlocks_areTheCompiledSnippets() throws Exception {
    String readme = Files.readString(MODULE.resolve("README.md"), StandardCharsets.UTF_8);
    String snippets =
        Files.readString(
            MODULE.resolve("src/test/java/dev/correlog/grpc/ReadmeSnippets.java"),
            StandardCharsets.UTF_8);
    List<String> inReadme = blocks(readme, Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL));
    List<String> compiled =
        blocks(snippets, Pattern.compile("// readme:begin\\n(.*?)// readme:end", Pattern.DOTALL));
    assertThat(compiled).hasSize(2);
    assertThat(inReadme).isEqualTo(compiled);
  }
}
