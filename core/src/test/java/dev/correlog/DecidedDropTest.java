package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.internal.NoopEventBuilder;
import dev.correlog.sampling.ErrorBoost;
import dev.correlog.sampling.ErrorFlush;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event in a context already decided not sampled is dropped by a short check before the full
 * decision (issue 15). Every setting that changes what happens to such an event must still apply:
 * rules, {@code alwaysKeep}, error flush, error boost, each also when changed at run time.
 */
class DecidedDropTest {
  private final CollectingSink sink = new CollectingSink();
  private final TraceContext notSampled = TraceContext.newRoot("req-d").withSampled(false);

  private List<String> events(Correlog c) {
    return Lines.parse(c, sink).stream().map(n -> n.get("event").asText()).toList();
  }

  @Test
  void droppedAndCounted_belowAlwaysKeep_keptFromIt() {
    // disabled events are counted only when asked (Correlog.Builder.countDisabled)
    Correlog c = Lines.builder(sink).headRatio(1.0).countDisabled(true).build();
    EventLogger log = c.logger("t");
    try (Scope s = notSampled.attach()) {
      assertThat(log.info("dropped")).isSameAs(NoopEventBuilder.INSTANCE);
      log.debug("below.level").emit();
      log.warn("kept.warn").emit();
    }
    log.at(Level.INFO, "dropped.given", notSampled).emit(); // a context given, not current
    assertThat(events(c)).containsExactly("kept.warn");
    assertThat(c.counters().sampledOut()).isEqualTo(2);
    assertThat(c.counters().disabled()).isEqualTo(1);
  }

  @Test
  void rulesAndAlwaysKeep_changedAtRunTime_applyToTheNextEvent() {
    Correlog c = Lines.builder(sink).headRatio(0.0).build();
    EventLogger log = c.logger("t");
    try (Scope s = notSampled.attach()) {
      log.info("payment.captured").emit();
      c.sampling().eventRule("payment.*", 1.0);
      log.info("payment.captured").emit(); // the rule beats the parent's decision
      log.info("other").emit();
      c.sampling().removeRule("payment.*");
      log.info("payment.captured").emit();
      c.sampling().alwaysKeep(Level.INFO);
      log.info("kept.info").emit();
      c.sampling().alwaysKeep(Level.WARN);
      log.info("dropped.again").emit();
      c.sampling().loggerRule("t", 1.0);
      log.info("kept.by.logger").emit();
    }
    List<JsonNode> lines = Lines.parse(c, sink);
    assertThat(lines)
        .extracting(n -> n.get("event").asText())
        .containsExactly("payment.captured", "kept.info", "kept.by.logger");
    assertThat(c.counters().sampledOut()).isEqualTo(4);
  }

  @Test
  void withErrorFlush_theEventIsHeld_notDropped() {
    Correlog c = Lines.builder(sink).headRatio(0.0).errorFlush(ErrorFlush.defaults()).build();
    EventLogger log = c.logger("t");
    try (Scope s = notSampled.attach()) {
      assertThat(log.info("held").isEnabled()).isTrue(); // a real builder, holding its line
      log.info("held").emit();
      log.error("failed").emit();
    }
    assertThat(events(c)).containsExactly("held", "failed");
    assertThat(c.counters().errorFlushed()).isEqualTo(1);
  }

  @Test
  void withErrorBoost_droppedEventsStillCountTowardsTheErrorShare() {
    // At least 4 events: the 2 errors alone are too few; with the 2 dropped events, half are
    // errors, past the 0.4 threshold.
    ErrorBoost boost = new ErrorBoost(0.4, Duration.ofMinutes(1), 4, 1.0, Duration.ofMinutes(1));
    Correlog c = Lines.builder(sink).headRatio(0.0).errorBoost(boost).build();
    EventLogger log = c.logger("t");
    try (Scope s = notSampled.attach()) {
      log.info("dropped.one").emit();
      log.info("dropped.two").emit();
      log.error("e1").emit();
      log.error("e2").emit();
    }
    assertThat(events(c)).contains("correlog.sampling.boost");
  }
}
