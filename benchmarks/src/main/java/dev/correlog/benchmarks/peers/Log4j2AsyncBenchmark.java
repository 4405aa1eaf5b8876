package dev.correlog.benchmarks.peers;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two application threads logging the order line through Log4j2's {@code AsyncAppender} (its
 * defaults: 1024 events in an {@code ArrayBlockingQueue}, one thread; loggers stay synchronous)
 * into the {@link Log4j2JsonTemplateBenchmark JsonTemplateLayout} set-up, written to {@code
 * /dev/null}.
 *
 * <p>{@code waitWhenFull}: Log4j2's default, callers wait for room: the lossless end-to-end
 * throughput. {@code dropWhenFull}: the {@code Discard} queue-full policy with threshold INFO (a
 * process-wide setting, hence its own JVM options), INFO and lower are discarded while the queue is
 * full: what the application pays. Each trial prints how many lines were dropped.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Log4j2AsyncBenchmark {

  /** Shared by the producers: one logger context, one asynchronous appender. */
  @State(Scope.Benchmark)
  public static class Pipeline {
    final Producers producers = new Producers();
    NullFile.Counting out;
    LoggerContext context;
    Logger log;

    @Setup
    public void setUp() {
      out = NullFile.open();
      context = Log4j2Setup.asyncContext(out);
      log = context.getLogger(Fixture.LOGGER);
    }

    @TearDown
    public void tearDown() throws IOException {
      context.stop(); // drains the queue
      out.close();
      producers.report("log4j2 AsyncAppender", out.lines);
    }
  }

  /** One producer thread, inside the sampled request (ids in its ThreadContext). */
  @State(Scope.Thread)
  public static class Producer {
    Producers.Counter counter;

    @Setup
    public void setUp(Pipeline pipeline) {
      Log4j2Setup.enter(Fixture.REQUEST);
      counter = pipeline.producers.register();
    }

    @TearDown
    public void tearDown() {
      Log4j2Setup.exit();
    }
  }

  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Dlog4j2.asyncQueueFullPolicy=Discard", "-Dlog4j2.discardThreshold=INFO"})
  public void dropWhenFull(Pipeline pipeline, Producer producer) {
    Log4j2JsonTemplateBenchmark.info(pipeline.log);
    producer.counter.logged++;
  }

  @Benchmark
  public void waitWhenFull(Pipeline pipeline, Producer producer) {
    Log4j2JsonTemplateBenchmark.info(pipeline.log);
    producer.counter.logged++;
  }
}
