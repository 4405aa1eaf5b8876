package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.ContextExecutors;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Propagation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One rule for "current", with the OpenTelemetry API alone (no SDK): when an OpenTelemetry span is
 * current, lines, {@code TraceContext.current()}, client spans and injection all use its ids.
 */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class OneCurrentTest {
  private static final String OTEL_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String OTEL_SPAN = "00f067aa0ba902b7";

  private final CollectingSink sink = new CollectingSink();
  private final Correlog correlog = Lines.builder(sink).build();

  private static io.opentelemetry.context.Scope otelSpan(TraceFlags flags) {
    return Span.wrap(SpanContext.create(OTEL_TRACE, OTEL_SPAN, flags, TraceState.getDefault()))
        .makeCurrent();
  }

  @Test
  void currentIsTheOpenTelemetrySpanAsInLines() {
    try (io.opentelemetry.context.Scope o = otelSpan(TraceFlags.getSampled())) {
      TraceContext current = TraceContext.current();
      assertThat(current.traceIdHex()).isEqualTo(OTEL_TRACE);
      assertThat(current.spanIdHex()).isEqualTo(OTEL_SPAN);
      assertThat(current.isSampled()).isTrue();
      correlog.logger("t").info("inside.otel").emit();
    }
    assertThat(TraceContext.current()).isNull();
    JsonNode line = Lines.single(correlog, sink);
    assertThat(line.get("trace_id").asText()).isEqualTo(OTEL_TRACE);
    assertThat(line.get("span_id").asText()).isEqualTo(OTEL_SPAN);
  }

  @Test
  void aClientSpanStartedInsideAnOpenTelemetrySpanIsItsChildAndIsInjected() {
    Map<String, String> headers = new HashMap<>();
    TraceContext client;
    try (io.opentelemetry.context.Scope o = otelSpan(TraceFlags.getSampled())) {
      client = Propagation.startClientSpan(headers, Carriers.MAP_SETTER);
      try (dev.correlog.context.Scope s = client.attach()) {
        correlog.logger("t").info("client.call").emit();
      }
      correlog.logger("t").info("after.call").emit();
    }
    assertThat(client.traceIdHex()).isEqualTo(OTEL_TRACE);
    assertThat(client.parentSpanIdHex()).isEqualTo(OTEL_SPAN);
    assertThat(client.spanIdHex()).isNotEqualTo(OTEL_SPAN);
    assertThat(headers.get("traceparent"))
        .isEqualTo("00-" + OTEL_TRACE + "-" + client.spanIdHex() + "-01");
    List<JsonNode> lines = Lines.parse(correlog, sink);
    // The line inside the client span and the line after it carry the trace id that was sent.
    assertThat(lines).allSatisfy(l -> assertThat(l.get("trace_id").asText()).isEqualTo(OTEL_TRACE));
    assertThat(lines.get(1).get("span_id").asText()).isEqualTo(OTEL_SPAN);
  }

  @Test
  void anUnsampledOpenTelemetrySpanIsSentAsNotSampled() {
    Map<String, String> headers = new HashMap<>();
    try (io.opentelemetry.context.Scope o = otelSpan(TraceFlags.getDefault())) {
      Propagation.startClientSpan(headers, Carriers.MAP_SETTER);
    }
    assertThat(headers.get("traceparent")).startsWith("00-" + OTEL_TRACE + "-").endsWith("-00");
  }

  @Test
  void aCorrelogScopeInsideAnOpenTelemetrySpanKeepsItsRequestIdOnTheWire() {
    Map<String, String> headers = new HashMap<>();
    try (io.opentelemetry.context.Scope o = otelSpan(TraceFlags.getSampled());
        dev.correlog.context.Scope s = TraceContext.newRoot("req-77").attach()) {
      TraceContext current = TraceContext.current();
      assertThat(current.traceIdHex()).isEqualTo(OTEL_TRACE);
      assertThat(current.requestId()).isEqualTo("req-77");
      TraceContext client = Propagation.startClientSpan(headers, Carriers.MAP_SETTER);
      assertThat(client.parentSpanIdHex()).isEqualTo(OTEL_SPAN);
      assertThat(client.requestId()).isEqualTo("req-77");
    }
    assertThat(headers.get("traceparent")).contains(OTEL_TRACE);
  }

  @Test
  void withoutAnOpenTelemetrySpanTheAttachedContextIsCurrentUnchanged() {
    TraceContext ctx = TraceContext.newRoot("req-1");
    try (dev.correlog.context.Scope s = ctx.attach()) {
      assertThat(TraceContext.current()).isSameAs(ctx);
      TraceContext client = Propagation.startClientSpan(new HashMap<>(), Carriers.MAP_SETTER);
      assertThat(client.parentSpanId()).isEqualTo(ctx.spanId());
    }
  }

  @Test
  void aWrappedExecutorCarriesTheOpenTelemetrySpansIdsToItsTask() throws Exception {
    ExecutorService pool = ContextExecutors.wrap(Executors.newSingleThreadExecutor());
    try {
      String seen;
      try (io.opentelemetry.context.Scope o = otelSpan(TraceFlags.getSampled())) {
        seen = pool.submit(() -> TraceContext.current().traceIdHex()).get(10, TimeUnit.SECONDS);
      }
      assertThat(seen).isEqualTo(OTEL_TRACE);
    } finally {
      pool.shutdownNow();
    }
  }
}
