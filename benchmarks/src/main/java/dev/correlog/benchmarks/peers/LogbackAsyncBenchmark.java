package dev.correlog.benchmarks.peers;

import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
import org.slf4j.Logger;

/**
 * Two application threads logging the order line through Logback's {@code AsyncAppender} (its
 * defaults: 256 events, one worker thread, {@code neverBlock} false) into the {@link
 * LogstashEncoderBenchmark logstash-logback-encoder} set-up, written to {@code /dev/null}.
 *
 * <p>{@code dropWhenFull}: Logback's default {@code discardingThreshold}, INFO and lower are
 * discarded once the queue is 80% full: what the application pays. {@code waitWhenFull}: {@code
 * discardingThreshold} 0, callers wait for room: the lossless end-to-end throughput. Each trial
 * prints how many lines were dropped.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogbackAsyncBenchmark {

  /** Shared by the producers: one logger context, one asynchronous appender. */
  abstract static class Pipeline {
    final Producers producers = new Producers();
    NullFile.Counting out;
    LoggerContext context;
    Logger log;

    void start(int discardingThreshold) {
      out = NullFile.open();
      context =
          LogbackSetup.asyncContext(out, LogstashEncoderBenchmark::encoder, discardingThreshold);
      log = context.getLogger(Fixture.LOGGER);
    }

    @TearDown
    public void tearDown() throws IOException {
      context.stop(); // drains the queue, waiting at most maxFlushTime (1 s)
      out.close();
      producers.report("logback AsyncAppender", out.lines);
    }
  }

  @State(Scope.Benchmark)
  public static class Dropping extends Pipeline {
    @Setup
    public void setUp() {
      start(-1);
    }
  }

  @State(Scope.Benchmark)
  public static class Waiting extends Pipeline {
    @Setup
    public void setUp() {
      start(0);
    }
  }

  /** One producer thread, inside the sampled request (ids in its MDC). */
  abstract static class Producer {
    Producers.Counter counter;

    void enter(Pipeline pipeline) {
      LogbackSetup.enter(Fixture.REQUEST);
      counter = pipeline.producers.register();
    }

    @TearDown
    public void tearDown() {
      LogbackSetup.exit();
    }
  }

  @State(Scope.Thread)
  public static class DroppingProducer extends Producer {
    @Setup
    public void setUp(Dropping pipeline) {
      enter(pipeline);
    }
  }

  @State(Scope.Thread)
  public static class WaitingProducer extends Producer {
    @Setup
    public void setUp(Waiting pipeline) {
      enter(pipeline);
    }
  }

  @Benchmark
  public void dropWhenFull(Dropping pipeline, DroppingProducer producer) {
    LogstashEncoderBenchmark.info(pipeline.log);
    producer.counter.logged++;
  }

  @Benchmark
  public void waitWhenFull(Waiting pipeline, WaitingProducer producer) {
    LogstashEncoderBenchmark.info(pipeline.log);
    producer.counter.logged++;
  }
}
