package dev.correlog.benchmarks.peers;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.Level;
import dev.correlog.sink.AsyncSink;
import dev.correlog.sink.OverflowPolicy;
import dev.correlog.sink.Sink;
import dev.correlog.sink.Sinks;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Two application threads logging the order line through Correlog into an {@link AsyncSink} (its
 * defaults: 8192 lines, one writer thread) over a file sink on {@code /dev/null}.
 *
 * <p>{@code dropWhenFull}: the default {@link OverflowPolicy#DROP_BELOW_WARN}, INFO lines are
 * dropped when the queue is full, callers never wait: what the application pays. {@code
 * waitWhenFull}: {@link OverflowPolicy#BLOCK}, callers wait for room: the lossless end-to-end
 * throughput. Each trial prints how many lines were dropped.
 *
 * <p>The primary figure is calls per second; the secondary {@code queued} (an {@link AuxCounters}
 * rate) is lines the sink took per second, which the writer writes: under {@code dropWhenFull} the
 * two differ by the lines dropped, and {@code queued} is the figure that compares with {@code
 * waitWhenFull}. The sink is reached through {@link Queued}, a wrapper that counts on the calling
 * thread and forwards {@link Sink#accepting}, so lines the full queue would drop are not encoded.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CorrelogAsyncBenchmark {

  /** Shared by the producers: one Correlog, one asynchronous sink. */
  abstract static class Pipeline {
    final Producers producers = new Producers();
    AsyncSink sink;
    Correlog correlog;
    EventLogger log;

    void start(OverflowPolicy policy) throws IOException {
      sink =
          AsyncSink.builder(Sinks.file(NullFile.PATH))
              .overflowPolicy(policy)
              .shutdownHook(false)
              .build();
      correlog = CorrelogBenchmark.correlog(new Queued(sink), 1.0);
      log = correlog.logger(Fixture.LOGGER);
    }

    @TearDown
    public void tearDown() {
      correlog.close(); // drains the queue
      producers.report("correlog " + sink, sink.written(), sink.dropped());
    }
  }

  @State(Scope.Benchmark)
  public static class Dropping extends Pipeline {
    @Setup
    public void setUp() throws IOException {
      start(OverflowPolicy.DROP_BELOW_WARN);
    }
  }

  @State(Scope.Benchmark)
  public static class Waiting extends Pipeline {
    @Setup
    public void setUp() throws IOException {
      start(OverflowPolicy.BLOCK);
    }
  }

  /**
   * Forwards to the asynchronous sink ({@code accepting} included) and counts, on the calling
   * thread, the lines it took.
   */
  static final class Queued implements Sink {
    static final ThreadLocal<Taken> TAKEN = new ThreadLocal<>();
    private final AsyncSink sink;

    Queued(AsyncSink sink) {
      this.sink = sink;
    }

    @Override
    public void write(Level level, byte[] line, int offset, int length) throws IOException {
      offer(level, line, offset, length);
    }

    @Override
    public boolean offer(Level level, byte[] line, int offset, int length) throws IOException {
      boolean took = sink.offer(level, line, offset, length);
      Taken t = TAKEN.get();
      if (took && t != null) {
        t.queued++;
      }
      return took;
    }

    @Override
    public boolean accepting(Level level) {
      return sink.accepting(level);
    }

    @Override
    public void flush() throws IOException {
      sink.flush();
    }

    @Override
    public void close() throws IOException {
      sink.close();
    }

    @Override
    public String toString() {
      return sink.toString();
    }
  }

  /** Lines the sink took from this thread, reported by JMH per second as {@code queued}. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Taken {
    public long queued;

    @Setup
    public void register() {
      Queued.TAKEN.set(this);
    }

    @Setup(org.openjdk.jmh.annotations.Level.Iteration)
    public void reset() {
      queued = 0;
    }

    @TearDown
    public void unregister() {
      Queued.TAKEN.remove();
    }
  }

  /** One producer thread, inside the sampled request. */
  abstract static class Producer {
    dev.correlog.context.Scope scope;
    Producers.Counter counter;

    void enter(Pipeline pipeline) {
      scope = Fixture.REQUEST.attach();
      counter = pipeline.producers.register();
    }

    @TearDown
    public void tearDown() {
      scope.close();
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
  public void dropWhenFull(Dropping pipeline, DroppingProducer producer, Taken taken) {
    CorrelogBenchmark.info(pipeline.log);
    producer.counter.logged++;
  }

  @Benchmark
  public void waitWhenFull(Waiting pipeline, WaitingProducer producer, Taken taken) {
    CorrelogBenchmark.info(pipeline.log);
    producer.counter.logged++;
  }
}
