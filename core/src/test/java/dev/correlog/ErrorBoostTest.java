package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.sampling.ErrorBoost;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorBoostTest {
  @Test
  void anErrorSpike_raisesTheHeadRatio_forTheCoolDown_andSaysSo() throws Exception {
    CollectingSink sink = new CollectingSink();
    Correlog c =
        Lines.builder(sink)
            .headRatio(0.0)
            .errorBoost(
                new ErrorBoost(0.2, Duration.ofSeconds(10), 10, 1.0, Duration.ofMillis(300)))
            .build();
    EventLogger log = c.logger("t");
    assertThat(log.info("before").isEnabled()).isFalse();
    for (int i = 0; i < 10; i++) {
      log.error("failure").emit();
    }
    assertThat(log.info("during").isEnabled()).isTrue();
    Thread.sleep(400);
    log.info("trigger.restore").emit();
    assertThat(log.info("after").isEnabled()).isFalse();

    List<JsonNode> boosts =
        Lines.parse(c, sink).stream()
            .filter(n -> n.get("event").asText().equals("correlog.sampling.boost"))
            .toList();
    assertThat(boosts)
        .extracting(n -> n.get("state").asText())
        .containsExactly("raised", "restored");
    assertThat(boosts.get(0).get("head_ratio").doubleValue()).isEqualTo(1.0);
    assertThat(boosts.get(0).get("error_share").doubleValue()).isGreaterThan(0.2);
  }

  @Test
  void fewEvents_doNotTriggerIt() {
    CollectingSink sink = new CollectingSink();
    Correlog c =
        Lines.builder(sink)
            .headRatio(0.0)
            .errorBoost(
                new ErrorBoost(0.2, Duration.ofSeconds(10), 100, 1.0, Duration.ofSeconds(5)))
            .build();
    for (int i = 0; i < 10; i++) {
      c.logger("t").error("failure").emit();
    }
    assertThat(c.logger("t").info("x").isEnabled()).isFalse();
  }
}
