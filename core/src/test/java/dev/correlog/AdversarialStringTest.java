package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdversarialStringTest {
  private final CollectingSink sink = new CollectingSink();
  private final Correlog correlog = Lines.builder(sink).build();
  private final EventLogger log = correlog.logger("t");

  @Test
  void everyControlCharacter_isEscaped_andParsesBackToTheSameString() {
    for (char c = 0; c < 0x20; c++) {
      String s = "a" + c + "b";
      log.info("ctl").field("v", s).message(s).emit();
    }
    List<JsonNode> lines = Lines.parse(correlog, sink);
    for (char c = 0; c < 0x20; c++) {
      assertThat(lines.get(c).get("v").asText()).isEqualTo("a" + c + "b");
      assertThat(lines.get(c).get("message").asText()).isEqualTo("a" + c + "b");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"quoted\"",
        "back\\slash",
        "\\\"",
        "line1\nline2",
        "{\"level\":\"ERROR\",\"event\":\"forged\"}\n{\"x\":1}",
        "\u2028\u2029",
        "emoji \uD83D\uDE00 ok",
        "caf\u00e9 \u4e2d\u6587",
        "\u007f del"
      })
  void specialStrings_roundTrip(String s) {
    log.info("s").field("v", s).message(s).emit();
    JsonNode n = Lines.single(correlog, sink);
    assertThat(n.get("v").asText()).isEqualTo(s);
    assertThat(n.get("message").asText()).isEqualTo(s);
  }

  @Test
  void logInjection_cannotStartANewRecord() {
    log.info("login").field("user", "bob\n{\"event\":\"admin.granted\"}").emit();
    assertThat(sink.rawLines()).hasSize(1);
    String raw = sink.rawLines().get(0);
    assertThat(raw.indexOf('\n')).isEqualTo(raw.length() - 1);
  }

  @Test
  void loneSurrogates_becomeTheReplacementCharacter() {
    log.info("s")
        .field("high", "a\uD800b")
        .field("low", "a\uDC00b")
        .field("reversed", "\uDE00\uD83D")
        .field("trailing_high", "x\uD83D")
        .emit();
    JsonNode n = Lines.single(correlog, sink);
    assertThat(n.get("high").asText()).isEqualTo("a\uFFFDb");
    assertThat(n.get("low").asText()).isEqualTo("a\uFFFDb");
    assertThat(n.get("reversed").asText()).isEqualTo("\uFFFD\uFFFD");
    assertThat(n.get("trailing_high").asText()).isEqualTo("x\uFFFD");
  }

  @Test
  void aOneMegabyteString_isCutAtTheStringCap_withAMarker() {
    String big = "x".repeat(1024 * 1024);
    log.info("big").field("v", big).message(big).emit();
    JsonNode n = Lines.single(correlog, sink);
    assertThat(n.get("v").asText()).hasSize(16 * 1024 + "...[truncated]".length());
    assertThat(n.get("v").asText()).endsWith("...[truncated]");
    assertThat(sink.rawLines().get(0).length()).isLessThanOrEqualTo(64 * 1024);
  }

  @Test
  void theWholeLine_staysUnderTheLineCap_droppingWholeFields_andSaysSo() {
    String chunk = "y".repeat(10_000);
    EventBuilder b = log.info("wide");
    for (int i = 0; i < 10; i++) {
      b.field("f" + i, chunk);
    }
    b.field("small", 1).emit();
    String raw = sink.rawLines().get(0);
    assertThat(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(64 * 1024);
    JsonNode n = Lines.single(correlog, sink);
    assertThat(n.get("truncated").booleanValue()).isTrue();
    assertThat(n.get("f0").asText()).isEqualTo(chunk);
    assertThat(n.has("f9")).isFalse();
    assertThat(correlog.counters().truncated()).isEqualTo(1);
  }

  @Test
  void escapeHeavyStrings_areCutAtTheLineCap_neverInvalid() {
    String controls = "\u0001".repeat(200_000);
    log.info("esc").field("v", controls).message(controls).emit();
    String raw = sink.rawLines().get(0);
    assertThat(raw.length()).isLessThanOrEqualTo(64 * 1024);
    JsonNode n = Lines.single(correlog, sink);
    assertThat(n.get("event").asText()).isEqualTo("esc");
  }

  @Test
  void hostileEventAndLoggerNames_areEscaped() {
    Correlog c = Lines.builder(sink).build();
    c.logger("evil\"\n\u0000logger").info("ev\"il\nname").emit();
    JsonNode n = Lines.single(c, sink);
    assertThat(n.get("logger").asText()).isEqualTo("evil\"\n\u0000logger");
    assertThat(n.get("event").asText()).isEqualTo("ev\"il\nname");
  }
}
