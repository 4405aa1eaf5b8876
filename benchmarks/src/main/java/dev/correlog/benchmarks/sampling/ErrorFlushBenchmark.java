package dev.correlog.benchmarks.sampling;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.Level;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sampling.ErrorFlush;
import dev.correlog.sink.Sinks;
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
 * Error flush with many requests in flight: one sampled-out INFO line held for its request, the
 * requests taken in turn. Every 16th line of a request ends it (its scope closes, the held lines
 * are discarded) and a new request takes its place, so {@code inFlight} requests hold lines at all
 * times. The cost per held line must not grow with {@code inFlight} (it did past 4,096).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ErrorFlushBenchmark {
  private static final int LINES_PER_REQUEST = 16;

  @Param({"100", "4096", "8000"})
  public int inFlight;

  private Correlog correlog;
  private EventLogger log;
  private TraceContext[] requests;
  private int[] held;
  private int next;

  @Setup
  public void setUp() {
    correlog =
        Correlog.builder()
            .service("bench")
            .version("1")
            .sink(Sinks.discarding())
            .headRatio(0.0)
            .errorFlush(new ErrorFlush(256, 256 * 1024, 1L << 30))
            .build();
    log = correlog.logger("bench.flush");
    requests = new TraceContext[inFlight];
    held = new int[inFlight];
    for (int i = 0; i < inFlight; i++) {
      requests[i] = TraceContext.newRoot();
      held[i] = i % LINES_PER_REQUEST; // requests end at different times
    }
  }

  @TearDown
  public void tearDown() {
    correlog.close();
  }

  @Benchmark
  public void holdOneLine() {
    int i = next;
    next = i + 1 == inFlight ? 0 : i + 1;
    TraceContext request = requests[i];
    log.at(Level.INFO, "step", request).field("i", held[i]).emit();
    if (++held[i] == LINES_PER_REQUEST) {
      try (Scope s = request.attach()) {
        // The request ends: closing its last scope discards what it held.
      }
      requests[i] = TraceContext.newRoot();
      held[i] = 0;
    }
  }
}
