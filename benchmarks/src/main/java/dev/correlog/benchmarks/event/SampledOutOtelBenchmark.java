package dev.correlog.benchmarks.event;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sampled-out event of {@link SampledOutFloorBenchmark} in a process that has used
 * OpenTelemetry spans. Once a context holding a span was attached through OpenTelemetry's storage,
 * no event can skip asking {@code Span.current()}: {@code afterOtelSpan} is the same event in a
 * Correlog scope decided not sampled, with no span current any more; {@code inOtelSpan} is an event
 * inside a current OpenTelemetry span that is not sampled (whose flags then decide). Each benchmark
 * runs in its own JVM, so this never touches the other rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SampledOutOtelBenchmark {
  static final SpanContext UNSAMPLED =
      SpanContext.create(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          TraceFlags.getDefault(),
          TraceState.getDefault());

  static final SpanContext SAMPLED =
      SpanContext.create(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  /** A Correlog scope decided not sampled, after one OpenTelemetry span was attached and closed. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class After {
    Correlog correlog;
    EventLogger log;
    Scope scope;

    @Setup
    public void setUp() {
      correlog = SampledOutFloorBenchmark.headRatioZero();
      log = correlog.logger("com.acme.Orders");
      log.info("warm").emit(); // Correlog's bridge is loaded before OpenTelemetry's storage
      Span.wrap(UNSAMPLED).makeCurrent().close();
      scope = TraceContext.newRoot("req-789").withSampled(false).attach();
    }

    @TearDown
    public void tearDown() {
      scope.close();
      correlog.close();
    }
  }

  /** A current OpenTelemetry span, not sampled, and no Correlog scope. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Inside {
    Correlog correlog;
    EventLogger log;
    io.opentelemetry.context.Scope otelScope;

    SpanContext span() {
      return UNSAMPLED;
    }

    @Setup
    public void setUp() {
      correlog = SampledOutFloorBenchmark.headRatioZero();
      log = correlog.logger("com.acme.Orders");
      log.info("warm").emit();
      otelScope = Span.wrap(span()).makeCurrent();
    }

    @TearDown
    public void tearDown() {
      otelScope.close();
      correlog.close();
    }
  }

  @Benchmark
  public void afterOtelSpan(After s) {
    SampledOutFloorBenchmark.order(s.log);
  }

  /** The same span sampled: the event is kept, encoded and written to a discarding sink. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class InsideSampled extends Inside {
    @Override
    SpanContext span() {
      return SAMPLED;
    }
  }

  @Benchmark
  public void inOtelSpan(Inside s) {
    SampledOutFloorBenchmark.order(s.log);
  }

  /** A kept event in a sampled span: what the drop check costs the events it does not drop. */
  @Benchmark
  public void keptInOtelSpan(InsideSampled s) {
    SampledOutFloorBenchmark.order(s.log);
  }
}
