package dev.correlog.benchmarks.peers;

import dev.correlog.Correlog;
import dev.correlog.EventBuilder;
import dev.correlog.EventLogger;
import dev.correlog.benchmarks.event.DiscardingSink;
import dev.correlog.context.Scope;
import dev.correlog.sink.Sink;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Correlog's side of the comparison with the peers: the order line through the event API, inside an
 * attached request scope, written synchronously to a discarding sink.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CorrelogBenchmark {

  /** A Correlog at INFO, keeping every trace, inside the sampled request's scope. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Sampled {
    final DiscardingSink sink = new DiscardingSink();
    Correlog correlog;
    EventLogger log;
    Scope scope;

    @Setup
    public void setUp() {
      correlog = correlog(sink, 1.0);
      log = correlog.logger(Fixture.LOGGER);
      scope = Fixture.REQUEST.attach();
    }

    @TearDown
    public void tearDown() {
      scope.close();
      correlog.close();
    }
  }

  /** A Correlog keeping no new trace, inside a request decided not sampled. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Unsampled {
    final DiscardingSink sink = new DiscardingSink();
    Correlog correlog;
    EventLogger log;
    Scope scope;

    @Setup
    public void setUp() {
      correlog = correlog(sink, 0.0);
      log = correlog.logger(Fixture.LOGGER);
      scope = Fixture.UNSAMPLED_REQUEST.attach();
    }

    @TearDown
    public void tearDown() {
      scope.close();
      correlog.close();
    }
  }

  /**
   * One INFO logger shared by every benchmark thread, disabled events not counted (the default).
   */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class SharedLogger {
    final DiscardingSink sink = new DiscardingSink();
    Correlog correlog;
    EventLogger log;

    boolean countDisabled() {
      return false;
    }

    @Setup
    public void setUp() {
      correlog =
          Correlog.builder()
              .service(Fixture.SERVICE)
              .version(Fixture.VERSION)
              .countDisabled(countDisabled())
              .sink(sink)
              .build();
      log = correlog.logger(Fixture.LOGGER);
    }

    @TearDown
    public void tearDown() {
      correlog.close();
    }
  }

  /**
   * The same with {@code countDisabled(true)}: every disabled call stores into its thread's stripe
   * of the count.
   */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class CountingLogger extends SharedLogger {
    @Override
    boolean countDisabled() {
      return true;
    }
  }

  static Correlog correlog(Sink sink, double headRatio) {
    return Correlog.builder()
        .service(Fixture.SERVICE)
        .version(Fixture.VERSION)
        .headRatio(headRatio)
        .sink(sink)
        .build();
  }

  /** The order line, as the benchmark and the equivalence test write it. */
  static void info(EventLogger log) {
    order(log.info(Fixture.EVENT));
  }

  private static void order(EventBuilder event) {
    event
        .field("user_id", 12345L)
        .field("order_id", 67890L)
        .field("amount", 99.99)
        .field("currency", "EUR")
        .field("country", "FR")
        .field("express", true)
        .message(Fixture.MESSAGE)
        .emit();
  }

  /** The order line, encoded and written. */
  @Benchmark
  public long info(Sampled s) {
    info(s.log);
    return s.sink.bytes;
  }

  /** The order line at DEBUG on an INFO logger: the shared no-op builder, no guard needed. */
  @Benchmark
  public void debugDisabled(Sampled s) {
    order(s.log.debug(Fixture.EVENT));
  }

  /**
   * The disabled order line on two threads through the same logger (compare with {@code
   * debugDisabled}): nothing is written, so nothing is contended.
   */
  @Benchmark
  @Threads(2)
  public void debugDisabledTwoThreads(SharedLogger s) {
    order(s.log.debug(Fixture.EVENT));
  }

  /** The disabled order line counted ({@code countDisabled(true)}): the store the default saves. */
  @Benchmark
  public void debugDisabledCounted(CountingLogger s) {
    order(s.log.debug(Fixture.EVENT));
  }

  /** The same on two threads through one logger: each counts on a stripe of its own. */
  @Benchmark
  @Threads(2)
  public void debugDisabledCountedTwoThreads(CountingLogger s) {
    order(s.log.debug(Fixture.EVENT));
  }

  /**
   * The same on two threads, each with its own Correlog and logger (no line shared): the control
   * for {@code debugDisabledTwoThreads}.
   */
  @Benchmark
  @Threads(2)
  public void debugDisabledTwoThreadsOwnLogger(Sampled s) {
    order(s.log.debug(Fixture.EVENT));
  }

  /** The order line in a request decided not sampled: dropped before any encoding. */
  @Benchmark
  public long sampledOut(Unsampled s) {
    info(s.log);
    return s.sink.bytes;
  }

  /** Each benchmark thread inside the request decided not sampled. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class InUnsampledRequest {
    Scope scope;

    @Setup
    public void setUp() {
      scope = Fixture.UNSAMPLED_REQUEST.attach();
    }

    @TearDown
    public void tearDown() {
      scope.close();
    }
  }

  /**
   * The sampled-out order line on two threads through one logger, each in its own unsampled
   * request: both count the drop on that logger (compare with {@code
   * sampledOutTwoThreadsOwnLogger}).
   */
  @Benchmark
  @Threads(2)
  public void sampledOutTwoThreads(SharedLogger s, InUnsampledRequest r) {
    info(s.log);
  }

  /** The same on two threads, each with its own Correlog and logger: the control. */
  @Benchmark
  @Threads(2)
  public long sampledOutTwoThreadsOwnLogger(Unsampled s) {
    info(s.log);
    return s.sink.bytes;
  }
}
