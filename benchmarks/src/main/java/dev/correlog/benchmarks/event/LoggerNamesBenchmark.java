package dev.correlog.benchmarks.event;

import dev.correlog.Correlog;
import dev.correlog.sink.Sinks;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code correlog.logger(name)} with a name never seen before and one INFO event on it, after
 * {@code seen} distinct names: the cost per call must not grow with the names seen (each iteration
 * adds millions more).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoggerNamesBenchmark {
  @Param({"0", "100000"})
  public int seen;

  private Correlog correlog;
  private long next;

  @Setup
  public void setUp() {
    correlog = Correlog.builder().service("bench").version("1").sink(Sinks.discarding()).build();
    for (int i = 0; i < seen; i++) {
      correlog.logger("user.seen." + i);
    }
  }

  @TearDown
  public void tearDown() {
    correlog.close();
  }

  @Benchmark
  public void newName() {
    correlog.logger("user." + next++).info("dynamic").emit();
  }
}
