package dev.correlog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's quick start is the code that runs here, and prints the line the README shows. */
class QuickStartTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  private static String readme() throws Exception {
    return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
  }

  private static String block(String text, String lang, int index) {
    Matcher m = Pattern.compile("```" + lang + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
    for (int i = 0; i <= index; i++) {
      if (!m.find()) {
        throw new AssertionError("README has no " + lang + " block #" + index);
      }
    }
    return m.group(1);
  }

  private static String squash(String code) {
    return code.replaceAll("\\s+", "");
  }

  @Test
  void readmeQuickStart_isTheOrdersProgram() throws Exception {
    String inReadme = block(readme(), "java", 0);
    String program =
        Files.readString(ROOT.resolve("demo/src/main/java/Orders.java"), StandardCharsets.UTF_8);
    assertThat(squash(program)).isEqualTo(squash(inReadme));
  }

  @Test
  void ordersProgram_printsTheLineTheReadmeShows() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "Orders")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out.lines().count()).as(out).isEqualTo(1);
    ObjectMapper json = new ObjectMapper();
    JsonNode printed = json.readTree(out);
    JsonNode shown = json.readTree(block(readme(), "json", 0));
    assertThat(names(printed)).isEqualTo(names(shown));
    for (String stable :
        List.of("level", "service", "version", "event", "logger", "message", "user_id", "amount")) {
      assertThat(printed.get(stable)).as(stable).isEqualTo(shown.get(stable));
    }
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
