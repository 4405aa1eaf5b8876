package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sampled-out drop that {@code EventLogger.at} makes from its gate (level and drop bound) and
 * the scope's note "decided not sampled" taken at attach (issue 15): it must drop exactly what the
 * full decision drops, for the context that is current by the one rule, with the sampler's latest
 * settings, and count what it drops.
 */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class ScopeNotedDropTest {
  private static final SpanContext OTEL_SAMPLED =
      otelSpan("4bf92f3577b34da6a3ce929d0e0e4736", true);
  private static final SpanContext OTEL_NOT_SAMPLED =
      otelSpan("4bf92f3577b34da6a3ce929d0e0e4737", false);

  private final CollectingSink sink = new CollectingSink();
  private final TraceContext notSampled = TraceContext.newRoot("req-n").withSampled(false);
  private final TraceContext sampled = TraceContext.newRoot("req-s").withSampled(true);

  private static SpanContext otelSpan(String traceId, boolean sampled) {
    return SpanContext.create(
        traceId,
        "00f067aa0ba902b7",
        sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
        TraceState.getDefault());
  }

  private List<String> events(Correlog c) {
    return Lines.parse(c, sink).stream().map(n -> n.get("event").asText()).toList();
  }

  @Test
  void nestedScopes_theInnermostOpenOneDecides() throws Exception {
    Correlog c = Lines.builder(sink).headRatio(1.0).build();
    EventLogger log = c.logger("t");
    try (Scope outer = notSampled.attach()) {
      log.info("dropped.outer").emit();
      try (Scope inner = sampled.attach()) {
        log.info("kept.inner").emit();
        try (Scope again = notSampled.attach()) {
          log.info("dropped.innermost").emit();
        }
      }
      log.info("dropped.outer.again").emit();
      try (Scope task = dev.correlog.internal.ScopeStack.attachForTask(null)) {
        log.info("kept.no.context").emit(); // a task with no context: a fresh root, head 1.0
      }
      try (Scope inner = sampled.attach()) {
        Scope stale = notSampled.attach();
        Thread other = new Thread(stale::close); // closed on another thread: still stacked
        other.start();
        other.join();
        log.info("kept.under.foreign.close").emit(); // the sampled scope is current again
      }
    }
    assertThat(events(c))
        .containsExactly("kept.inner", "kept.no.context", "kept.under.foreign.close");
    assertThat(c.counters().sampledOut()).isEqualTo(3);
  }

  @Test
  void anOpenTelemetrySpanCurrentInside_itsDecisionWins() {
    Correlog c = Lines.builder(sink).headRatio(0.0).build();
    EventLogger log = c.logger("t");
    try (Scope s = notSampled.attach()) {
      log.info("dropped.before").emit();
      try (io.opentelemetry.context.Scope o = Span.wrap(OTEL_SAMPLED).makeCurrent()) {
        log.info("kept.in.span").emit();
      }
      log.info("dropped.after").emit();
    }
    assertThat(events(c)).containsExactly("kept.in.span");
    assertThat(c.counters().sampledOut()).isEqualTo(2);
  }

  @Test
  void afterOpenTelemetrySpansWereUsed_theNoteStillDecides_unlessASpanIsCurrent() {
    Correlog c = Lines.builder(sink).headRatio(1.0).build();
    EventLogger log = c.logger("t");
    log.info("kept.first").emit(); // loads the bridge first, as an application's first event does
    Span.wrap(OTEL_SAMPLED).makeCurrent().close(); // a span was attached: no more one-read bypass
    assertThat(dev.correlog.internal.OtelBridge.bypassed()).isFalse();
    try (Scope s = notSampled.attach()) {
      log.info("dropped.no.span").emit();
      try (io.opentelemetry.context.Scope o = Span.getInvalid().makeCurrent()) {
        log.info("dropped.invalid.span").emit();
      }
      try (io.opentelemetry.context.Scope o = Span.wrap(OTEL_SAMPLED).makeCurrent()) {
        log.info("kept.sampled.span").emit();
      }
    }
    try (Scope s = sampled.attach();
        io.opentelemetry.context.Scope o = Span.wrap(OTEL_NOT_SAMPLED).makeCurrent()) {
      log.info("dropped.not.sampled.span").emit();
    }
    assertThat(events(c)).containsExactly("kept.first", "kept.sampled.span");
    assertThat(c.counters().sampledOut()).isEqualTo(3);
  }

  @Test
  void levelsChangedAtRunTime_moveTheGate() {
    // disabled events are counted only when asked (Correlog.Builder.countDisabled)
    Correlog c = Lines.builder(sink).headRatio(1.0).countDisabled(true).build();
    EventLogger log = c.logger("com.acme.T");
    try (Scope s = notSampled.attach()) {
      log.info("sampled.out").emit();
      c.sampling().level("com.acme", Level.WARN);
      log.info("disabled").emit();
      log.warn("kept.warn").emit();
      c.sampling().level("com.acme", Level.TRACE);
      log.debug("sampled.out.debug").emit();
    }
    assertThat(events(c)).containsExactly("kept.warn");
    assertThat(c.counters().sampledOut()).isEqualTo(2);
    assertThat(c.counters().disabled()).isEqualTo(1);
  }

  @Test
  void aLoggerNotKept_dropsAndCountsInTheSharedCounters() {
    // disabled events are counted only when asked (Correlog.Builder.countDisabled)
    Correlog c = Lines.builder(sink).headRatio(1.0).countDisabled(true).build();
    EventLogger log = c.logger("x".repeat(Correlog.MAX_CACHED_NAME_LENGTH + 1));
    try (Scope s = notSampled.attach()) {
      log.info("sampled.out").emit();
      log.debug("disabled").emit();
      log.warn("kept").emit();
    }
    assertThat(events(c)).containsExactly("kept");
    assertThat(c.counters().sampledOut()).isEqualTo(1);
    assertThat(c.counters().disabled()).isEqualTo(1);
  }
}
