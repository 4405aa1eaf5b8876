package dev.correlog.benchmarks.propagation;

import brave.propagation.TraceContextOrSamplingFlags;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Propagators;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
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

/** The X-B3-* headers: Correlog against OpenTelemetry and Brave. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class B3MultiBenchmark {
  final Propagator correlog = Propagators.b3Multi();
  final TextMapPropagator otel = B3Propagator.injectingMultiHeaders();
  final brave.propagation.TraceContext.Extractor<Map<String, String>> braveExtractor =
      Peers.BRAVE_MULTI.extractor(Peers.BRAVE_GETTER);
  final brave.propagation.TraceContext.Injector<Map<String, String>> braveInjector =
      Peers.BRAVE_MULTI.injector(Peers.BRAVE_SETTER);

  final Map<String, String> incoming =
      new HashMap<>(
          Map.of(
              "X-B3-TraceId", Peers.TRACE_ID, "X-B3-SpanId", Peers.SPAN_ID, "X-B3-Sampled", "1"));
  final Map<String, String> outgoing = new HashMap<>();

  /**
   * The same three headers in a request's header map of 15 keys (a browser's headers beside them,
   * {@link MapLookupBenchmark#REQUEST_HEADERS}): what a server's getter really sees. The peers look
   * each name up exactly; {@code Carriers.MAP_GETTER} also finds other cases, so it walks the keys.
   */
  final Map<String, String> request = new HashMap<>(incoming);

  {
    for (int i = 0; request.size() < 15; i++) {
      request.put(MapLookupBenchmark.REQUEST_HEADERS.get(i), "value " + i);
    }
  }

  final TraceContext correlogContext = Peers.correlogContext(null);
  final Context otelContext =
      Context.root()
          .with(
              Span.wrap(
                  SpanContext.createFromRemoteParent(
                      Peers.TRACE_ID,
                      Peers.SPAN_ID,
                      TraceFlags.getSampled(),
                      TraceState.getDefault())));
  final brave.propagation.TraceContext braveContext = Peers.braveContext();

  @Benchmark
  public Extracted extract_correlog() {
    return correlog.extract(incoming, Carriers.MAP_GETTER);
  }

  /**
   * With a case-sensitive getter, as the peers use (the reference for {@link #extract_correlog}):
   * {@code Carriers.MAP_GETTER} must also rule out other casings of the absent headers ({@code b3},
   * {@code X-B3-ParentSpanId}, {@code X-B3-Flags}); it looks up all six names at once ({@code
   * Getter.getEach}) and, once every key of the map was found, knows the rest are absent without a
   * scan.
   */
  @Benchmark
  public Extracted extract_correlogCaseSensitiveGetter() {
    return correlog.extract(incoming, Peers.CASE_SENSITIVE_GETTER);
  }

  @Benchmark
  public Context extract_otel() {
    return otel.extract(Context.root(), incoming, Peers.OTEL_GETTER);
  }

  @Benchmark
  public TraceContextOrSamplingFlags extract_brave() {
    return braveExtractor.extract(incoming);
  }

  @Benchmark
  public Extracted extract_correlogRequestMap() {
    return correlog.extract(request, Carriers.MAP_GETTER);
  }

  @Benchmark
  public Context extract_otelRequestMap() {
    return otel.extract(Context.root(), request, Peers.OTEL_GETTER);
  }

  @Benchmark
  public TraceContextOrSamplingFlags extract_braveRequestMap() {
    return braveExtractor.extract(request);
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

  @Benchmark
  public Map<String, String> inject_brave() {
    braveInjector.inject(braveContext, outgoing);
    return outgoing;
  }
}
