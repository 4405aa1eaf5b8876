package dev.correlog.benchmarks.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Propagators;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** W3C traceparent and a two-member tracestate: Correlog against OpenTelemetry. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class W3cBenchmark {
  final Propagator correlog = Propagators.w3c();
  final W3CTraceContextPropagator otel = W3CTraceContextPropagator.getInstance();

  final Map<String, String> incoming =
      new HashMap<>(Map.of("traceparent", Peers.TRACEPARENT, "tracestate", Peers.TRACESTATE));
  final Map<String, String> outgoing = new HashMap<>();

  final TraceContext correlogContext = Peers.correlogContext(Peers.TRACESTATE);
  final Context otelContext =
      Context.root()
          .with(
              Span.wrap(
                  SpanContext.createFromRemoteParent(
                      Peers.TRACE_ID,
                      Peers.SPAN_ID,
                      TraceFlags.getSampled(),
                      TraceState.builder()
                          .put("rojo", "00f067aa0ba902b7")
                          .put("congo", "t61rcWkgMzE")
                          .build())));

  @Benchmark
  public Extracted extract_correlog() {
    return correlog.extract(incoming, Carriers.MAP_GETTER);
  }

  /**
   * Extraction and a read of the {@code tracestate}, which Correlog checks at the first read
   * ({@code TraceContext.received}) where OpenTelemetry parses it during extraction: what a hop
   * that reads or forwards the {@code tracestate} pays.
   */
  @Benchmark
  public String extractAndReadTraceState_correlog() {
    return correlog.extract(incoming, Carriers.MAP_GETTER).traceState();
  }

  @Benchmark
  public String extractAndReadTraceState_otel() {
    return Span.fromContext(otel.extract(Context.root(), incoming, Peers.OTEL_GETTER))
        .getSpanContext()
        .getTraceState()
        .get("congo");
  }

  @Benchmark
  public Context extract_otel() {
    return otel.extract(Context.root(), incoming, Peers.OTEL_GETTER);
  }

  @Benchmark
  public Map<String, String> inject_correlog() {
    correlog.inject(correlogContext, outgoing, Carriers.MAP_SETTER);
    return outgoing;
  }

  @Benchmark
  public Map<String, String> inject_otel() {
    otel.inject(otelContext, outgoing, Peers.OTEL_SETTER);
    return outgoing;
  }
}
