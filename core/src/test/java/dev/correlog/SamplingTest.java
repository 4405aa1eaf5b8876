package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplingTest {
  private final CollectingSink sink = new CollectingSink();

  /** Fixed trace ids, so the statistics below are reproducible. */
  static List<TraceContext> traces(int n) {
    Random r = new Random(42);
    List<TraceContext> out = new ArrayList<>();
    while (out.size() < n) {
      long hi = r.nextLong();
      long lo = r.nextLong();
      long span = r.nextLong();
      if ((hi != 0 || lo != 0) && span != 0) {
        // A local root whose sampling is not decided yet, as TraceContext.newRoot() makes.
        out.add(TraceContext.newRoot(hi, lo, span, null));
      }
    }
    return out;
  }

  private static int keptCount(Correlog c, List<TraceContext> traces) {
    int kept = 0;
    EventLogger log = c.logger("t");
    for (TraceContext t : traces) {
      try (Scope s = t.attach()) {
        if (log.info("x").isEnabled()) {
          kept++;
        }
      }
    }
    return kept;
  }

  @Test
  void headRatio_keepsThatShareOfTraces_withinTolerance() {
    List<TraceContext> traces = traces(100_000);
    for (double ratio : new double[] {0.01, 0.1, 0.5, 0.9}) {
      Correlog c = Lines.builder(sink).headRatio(ratio).build();
      double share = keptCount(c, traces) / 100_000.0;
      assertThat(share).as("ratio %s", ratio).isCloseTo(ratio, within(0.01));
    }
  }

  @Test
  void twoServicesWithTheSameRatio_keepExactlyTheSameTraces() {
    List<TraceContext> traces = traces(20_000);
    Correlog a = Lines.builder(new CollectingSink()).service("gateway").headRatio(0.25).build();
    Correlog b = Lines.builder(new CollectingSink()).service("orders").headRatio(0.25).build();
    for (TraceContext t : traces) {
      try (Scope s = t.attach()) {
        assertThat(a.logger("x").info("e").isEnabled())
            .isEqualTo(b.logger("y").info("e").isEnabled());
      }
    }
    assertThat(a.decide(traces.get(0)).isSampled()).isEqualTo(b.decide(traces.get(0)).isSampled());
  }

  @Test
  void oneRequestsLines_areAllKeptOrAllDropped() {
    Correlog c = Lines.builder(sink).headRatio(0.5).build();
    EventLogger log = c.logger("t");
    for (TraceContext t : traces(500)) {
      sink.clear();
      try (Scope s = t.attach()) {
        for (int i = 0; i < 10; i++) {
          log.info("step").field("i", i).emit();
        }
      }
      assertThat(sink.rawLines().size()).isIn(0, 10);
    }
  }

  @Test
  void theCallersDecision_isHonoured_andErrorsAreNeverSampled() {
    Correlog c = Lines.builder(sink).headRatio(0.0).build();
    EventLogger log = c.logger("t");
    TraceContext notSampled = TraceContext.newRoot().withSampled(false);
    TraceContext sampled = TraceContext.newRoot().withSampled(true);
    try (Scope s = notSampled.attach()) {
      log.info("dropped").emit();
      log.warn("kept.warn").emit();
      log.error("kept.error").emit();
    }
    try (Scope s = sampled.attach()) {
      log.info("kept.sampled").emit();
    }
    log.info("dropped.outside").emit(); // ratio 0: a fresh root is not sampled
    log.error("kept.outside").emit();
    assertThat(Lines.parse(c, sink))
        .extracting(n -> n.get("event").asText())
        .containsExactly("kept.warn", "kept.error", "kept.sampled", "kept.outside");
    assertThat(c.counters().sampledOut()).isEqualTo(2);
    assertThatThrownBy(() -> c.sampling().alwaysKeep(Level.ERROR))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rules_overrideTheHeadDecision_andCarrySampleRate() {
    Correlog c =
        Lines.builder(sink)
            .headRatio(1.0)
            .eventRule("health.check", 0.0)
            .eventRule("payment.*", 1.0)
            .loggerRule("com.acme.noisy", 0.5)
            .build();
    TraceContext unsampled = TraceContext.newRoot().withSampled(false);
    try (Scope s = unsampled.attach()) {
      c.logger("t").info("payment.captured").emit(); // rule 100% beats the head decision
      c.logger("t").info("order.placed").emit(); // head: not sampled
    }
    c.logger("t").info("health.check").emit(); // rule 0%
    int kept = 0;
    for (TraceContext t : traces(2000)) {
      try (Scope s = t.attach()) {
        if (c.logger("com.acme.noisy.Poller").info("poll").isEnabled()) {
          kept++;
        }
      }
    }
    assertThat(kept / 2000.0).isCloseTo(0.5, within(0.05));
    sink.clear();
    TraceContext keptTrace =
        traces(2000).stream()
            .filter(t -> Math.abs(t.traceIdLow()) < (long) (0.5 * Long.MAX_VALUE))
            .findFirst()
            .orElseThrow();
    try (Scope s = keptTrace.attach()) {
      c.logger("com.acme.noisy.Poller").info("poll").emit();
    }
    JsonNode poll = Lines.single(c, sink);
    assertThat(poll.get("sample_rate").doubleValue()).isEqualTo(2.0);
  }

  @Test
  void headRatioDecisions_carrySampleRate_parentDecisionsDoNot() {
    Correlog c = Lines.builder(sink).headRatio(0.25).build();
    TraceContext local =
        traces(1000).stream().filter(t -> c.decide(t).isSampled()).findFirst().orElseThrow();
    try (Scope s = local.attach()) {
      c.logger("t").info("local").emit();
    }
    try (Scope s = TraceContext.newRoot().withSampled(true).attach()) {
      c.logger("t").info("parent").emit();
    }
    List<JsonNode> lines = Lines.parse(c, sink);
    assertThat(lines.get(0).get("sample_rate").doubleValue()).isEqualTo(4.0);
    assertThat(lines.get(1).has("sample_rate")).isFalse();
  }

  @Test
  void levelsByLoggerPrefix_longestWins_andChangeAtRunTime() {
    Correlog c =
        Lines.builder(sink)
            .level(Level.INFO)
            .level("com.acme", Level.DEBUG)
            .level("com.acme.db", Level.WARN)
            .build();
    EventLogger orders = c.logger("com.acme.Orders");
    EventLogger db = c.logger("com.acme.db.Pool");
    EventLogger other = c.logger("org.other.Thing");
    EventLogger lookalike = c.logger("com.acmetools.X");
    assertThat(orders.isEnabled(Level.DEBUG)).isTrue();
    assertThat(db.isEnabled(Level.INFO)).isFalse();
    assertThat(other.isEnabled(Level.DEBUG)).isFalse();
    assertThat(lookalike.isEnabled(Level.DEBUG)).isFalse();

    c.sampling().level("com.acme", Level.ERROR).level("", Level.TRACE);
    assertThat(orders.isEnabled(Level.WARN)).isFalse();
    assertThat(other.isEnabled(Level.TRACE)).isTrue();
    assertThat(db.isEnabled(Level.WARN)).isTrue();
  }

  @Test
  void ratiosAndRules_changeAtRunTime() {
    Correlog c = Lines.builder(sink).headRatio(1.0).build();
    EventLogger log = c.logger("t");
    assertThat(log.info("a").isEnabled()).isTrue();
    c.sampling().headRatio(0.0);
    assertThat(log.info("a").isEnabled()).isFalse();
    c.sampling().eventRule("a", 1.0);
    assertThat(log.info("a").isEnabled()).isTrue();
    assertThat(c.sampling().removeRule("a")).isTrue();
    assertThat(log.info("a").isEnabled()).isFalse();
    assertThatThrownBy(() -> c.sampling().headRatio(1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.sampling().eventRule("a*b", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
