package dev.correlog.benchmarks.event;

import dev.correlog.Correlog;
import dev.correlog.context.ContextStorage;
import dev.correlog.context.TraceContext;
import dev.correlog.sampling.ErrorFlush;
import dev.correlog.sink.Sinks;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The context storage: one scope opened and closed (with the default MDC mirror over Logback's MDC
 * adapter, or with no decorator, or with the MDC mirror and an instance with error flush, whose
 * hook counts the open scopes of each trace), and {@code TraceContext.current()} with and without
 * an OpenTelemetry span current (the one rule every event and client span applies).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScopeBenchmark {
  @Param({"mdc", "none", "errorflush"})
  public String decorators;

  private final TraceContext request = TraceContext.newRoot("req-789").withSampled(true);
  private final TraceContext[] others = new TraceContext[1024];
  private int next;
  private dev.correlog.context.Scope outer;
  private Correlog withErrorFlush;

  @Setup
  public void setUp() {
    if (decorators.equals("none")) {
      ContextStorage.removeDecorator(ContextStorage.mdcMirror());
    }
    if (decorators.equals("errorflush")) {
      withErrorFlush =
          Correlog.builder()
              .service("s")
              .version("1")
              .sink(Sinks.discarding())
              .errorFlush(ErrorFlush.defaults())
              .build();
    }
    for (int i = 0; i < others.length; i++) {
      others[i] = TraceContext.newRoot().withSampled(true);
    }
    outer = request.attach();
  }

  @TearDown
  public void tearDown() {
    outer.close();
    ContextStorage.addDecorator(ContextStorage.mdcMirror());
    if (withErrorFlush != null) {
      withErrorFlush.close();
    }
  }

  /** A scope of another trace: for error flush, a trace entering and leaving the process. */
  @Benchmark
  public Object attachAndCloseOtherTrace() {
    int i = next;
    next = (i + 1) & (others.length - 1);
    dev.correlog.context.Scope s = others[i].attach();
    s.close();
    return s;
  }

  @Benchmark
  public Object attachAndClose() {
    dev.correlog.context.Scope s = request.attach();
    s.close();
    return s;
  }

  @Benchmark
  public TraceContext current() {
    return TraceContext.current();
  }

  /** {@code current()} inside an OpenTelemetry span: the span's ids, converted once and cached. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class OtelSpan {
    io.opentelemetry.context.Scope scope;

    @Setup
    public void setUp() {
      scope =
          Span.wrap(
                  SpanContext.create(
                      "4bf92f3577b34da6a3ce929d0e0e4736",
                      "00f067aa0ba902b7",
                      TraceFlags.getSampled(),
                      TraceState.getDefault()))
              .makeCurrent();
    }

    @TearDown
    public void tearDown() {
      scope.close();
    }
  }

  @Benchmark
  public TraceContext currentInsideOtelSpan(OtelSpan span) {
    return TraceContext.current();
  }
}
