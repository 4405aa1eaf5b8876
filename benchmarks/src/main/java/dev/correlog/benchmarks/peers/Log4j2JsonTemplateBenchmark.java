package dev.correlog.benchmarks.peers;

import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.message.StringMapMessage;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Log4j2 (synchronous loggers) with {@code JsonTemplateLayout}: the order fields and the message in
 * a {@link StringMapMessage}, the ids from the ThreadContext, service and version as template
 * constants. See {@link Log4j2Setup#TEMPLATE}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Log4j2JsonTemplateBenchmark {

  /** Root at INFO, inside the sampled request (ids in the ThreadContext). */
  @State(Scope.Thread)
  public static class Sampled {
    final DiscardingOutputStream out = new DiscardingOutputStream();
    LoggerContext context;
    Logger log;

    @Setup
    public void setUp() {
      context = Log4j2Setup.context(out, false);
      log = context.getLogger(Fixture.LOGGER);
      Log4j2Setup.enter(Fixture.REQUEST);
    }

    @TearDown
    public void tearDown() {
      Log4j2Setup.exit();
      context.stop();
    }
  }

  /** As {@link Sampled}, with a filter denying events of requests not sampled, in one. */
  @State(Scope.Thread)
  public static class Unsampled {
    final DiscardingOutputStream out = new DiscardingOutputStream();
    LoggerContext context;
    Logger log;

    @Setup
    public void setUp() {
      context = Log4j2Setup.context(out, true);
      log = context.getLogger(Fixture.LOGGER);
      Log4j2Setup.enter(Fixture.UNSAMPLED_REQUEST);
    }

    @TearDown
    public void tearDown() {
      Log4j2Setup.exit();
      context.stop();
    }
  }

  /** The order line's message, as users build it. */
  static StringMapMessage order() {
    return new StringMapMessage()
        .with("event", Fixture.EVENT)
        .with("user_id", 12345L)
        .with("order_id", 67890L)
        .with("amount", 99.99)
        .with("currency", "EUR")
        .with("country", "FR")
        .with("express", true)
        .with("message", Fixture.MESSAGE);
  }

  /** The order line, as the benchmark and the equivalence test write it. */
  static void info(Logger log) {
    log.info(order());
  }

  @Benchmark
  public long info(Sampled s) {
    info(s.log);
    return s.out.bytes;
  }

  /** The order line at DEBUG on an INFO logger, unguarded: the message is still built. */
  @Benchmark
  public void debugDisabled(Sampled s) {
    s.log.debug(order());
  }

  @Benchmark
  public void debugDisabledGuarded(Sampled s) {
    if (s.log.isDebugEnabled()) {
      s.log.debug(order());
    }
  }

  /** Log4j2's lazy form: a message supplier, called only when the level passes. */
  @Benchmark
  public void debugDisabledSupplier(Sampled s) {
    s.log.debug(() -> order());
  }

  /** The order line in a request not sampled: built, then denied by the filter. */
  @Benchmark
  public long sampledOut(Unsampled s) {
    info(s.log);
    return s.out.bytes;
  }

  @Benchmark
  public long sampledOutGuarded(Unsampled s) {
    if (s.log.isInfoEnabled()) {
      info(s.log);
    }
    return s.out.bytes;
  }
}
