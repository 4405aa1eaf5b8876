package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redaction by value: what each detector catches, what it must leave alone, and where it runs. */
class RedactionTest {
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
          + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
          + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  private final Redaction defaults = Redaction.defaults();

  @Test
  void cardNumbersPassingLuhn_areRedacted_inAnyGrouping() {
    String[] cards = {
      "4111111111111111",
      "4111 1111 1111 1111",
      "4111-1111-1111-1111",
      "5500005555555559",
      "378282246310005", // 15 digits (Amex)
      "6011000990139424",
      "4222222222222", // 13 digits
      "6304000000000000018" // 19 digits... checked below for Luhn
    };
    for (String card : cards) {
      if (!luhn(card.replaceAll("[ -]", ""))) {
        continue;
      }
      assertThat(defaults.apply("paid with " + card + ", thanks"))
          .as(card)
          .isEqualTo("paid with [REDACTED], thanks");
      assertThat(defaults.apply(card)).isEqualTo("[REDACTED]");
    }
  }

  @Test
  void digitRunsThatAreNotCards_areKept() {
    String[] kept = {
      "4111111111111112", // fails Luhn
      "order 1234567890123 shipped", // fails Luhn
      "411111111111", // 12 digits
      "41111111111111111111", // 20 digits
      "id=abc4111111111111111", // glued to a word
      "4111111111111111x", // glued to a word after
      "4111  1111 1111 1111", // double space breaks the run
      "phone +1 555 0100, ts 2024-05-01"
    };
    for (String s : kept) {
      assertThat(defaults.apply(s)).as(s).isSameAs(s);
    }
  }

  @Test
  void bearerTokens_areRedacted_butProseIsKept() {
    assertThat(defaults.apply("Authorization: Bearer abc123DEF456ghi789"))
        .isEqualTo("Authorization: Bearer [REDACTED]");
    assertThat(defaults.apply("bearer  dGhpcyBpcyBhIHRva2Vu== next"))
        .isEqualTo("bearer  [REDACTED] next");
    assertThat(defaults.apply("BEARER x-y.z~a+b/c1")).isEqualTo("BEARER [REDACTED]");
    for (String s :
        new String[] {
          "the bearer of bad news",
          "Bearer short1",
          "bearer information",
          "Bearer",
          "forbearer abc123DEF456"
        }) {
      assertThat(defaults.apply(s)).as(s).isSameAs(s);
    }
  }

  @Test
  void jwts_areRedacted_withOrWithoutSignature() {
    assertThat(defaults.apply("token=" + JWT + "; next")).isEqualTo("token=[REDACTED]; next");
    assertThat(defaults.apply("Bearer " + JWT)).isEqualTo("Bearer [REDACTED]");
    String unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.";
    assertThat(defaults.apply(unsigned)).isEqualTo("[REDACTED]");
    for (String s : new String[] {"eyJ alone", "eyJabc.def", "xeyJhbGci.eyJzdWIi.sig", "a.b.c"}) {
      assertThat(defaults.apply(s)).as(s).isSameAs(s);
    }
  }

  @Test
  void configuredPatterns_areAppliedAfterTheBuiltIns_andOnlyThem() {
    Redaction r = Redaction.builder().pattern("(?i)api[_-]?key=\\w+").build();
    assertThat(r.apply("GET /x?api_key=s3cr3t&y=1")).isEqualTo("GET /x?[REDACTED]&y=1");
    assertThat(r.apply("card 4111111111111111")).isEqualTo("card 4111111111111111");
    assertThat(Redaction.none().apply("4111111111111111")).isEqualTo("4111111111111111");
    assertThat(Redaction.builder().cardNumbers().build().apply("Bearer abc123DEF456ghi"))
        .isEqualTo("Bearer abc123DEF456ghi");
  }

  @Test
  void theBuilderAppliesItToMessagesStringValuesNestedValuesAndErrorMessages() {
    CollectingSink sink = new CollectingSink();
    Correlog correlog =
        Lines.builder(sink)
            .redactValues(Redaction.builder().cardNumbers().jwts().pattern("pin=\\d{4}").build())
            .build();
    EventLogger log = correlog.logger("t");
    log.error("pay")
        .message("charging 4111 1111 1111 1111 with pin=1234")
        .field("note", "card 5500005555555559")
        .field("sb", new StringBuilder("jwt ").append(JWT))
        .field(
            "obj",
            new Object() {
              @Override
              public String toString() {
                return "pin=9876";
              }
            })
        .field("o", o -> o.field("inner", (CharSequence) ("t " + JWT)).field("n", 4111))
        .field("order_id", "1234567890123")
        .error(new IllegalStateException("declined 4111111111111111"))
        .emit();
    List<JsonNode> lines = Lines.parse(correlog, sink);
    JsonNode n = lines.get(0);
    assertThat(n.get("message").asText()).isEqualTo("charging [REDACTED] with [REDACTED]");
    assertThat(n.get("note").asText()).isEqualTo("card [REDACTED]");
    assertThat(n.get("sb").asText()).isEqualTo("jwt [REDACTED]");
    assertThat(n.get("o").get("inner").asText()).isEqualTo("t [REDACTED]");
    assertThat(n.get("o").get("n").asLong()).isEqualTo(4111);
    assertThat(n.get("order_id").asText()).isEqualTo("1234567890123");
    assertThat(n.get("error").get("message").asText()).isEqualTo("declined [REDACTED]");
    assertThat(n.toString()).doesNotContain("4111 1111", "5500005555555559", "pin=1234");
  }

  @Test
  void withoutRedaction_valuesAreWrittenAsGiven() {
    CollectingSink sink = new CollectingSink();
    Correlog correlog = Lines.builder(sink).build();
    correlog.logger("t").info("x").field("card", "4111111111111111").emit();
    assertThat(Lines.single(correlog, sink).get("card").asText()).isEqualTo("4111111111111111");
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return sum % 10 == 0;
  }
}
