package dev.correlog.benchmarks.peers;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import java.io.OutputStream;
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
import org.slf4j.Logger;

/**
 * Logback's own {@link JsonEncoder} (no extra library) with its defaults: the order fields through
 * SLF4J 2's fluent API ({@code addKeyValue}), the ids from the MDC, service and version as context
 * properties. Its layout is fixed: the MDC, the key-value pairs and the context are nested objects,
 * the timestamp is epoch milliseconds plus a nanoseconds field, key-value values are strings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogbackJsonEncoderBenchmark {

  /** Root at INFO, inside the sampled request (ids in the MDC). */
  @State(Scope.Thread)
  public static class Sampled extends LogbackRequestState {
    public Sampled() {
      super(true);
    }

    @Override
    protected LoggerContext context(OutputStream out, boolean dropUnsampled) {
      return LogbackJsonEncoderBenchmark.context(out, dropUnsampled);
    }
  }

  /** As {@link Sampled}, with a turbo filter denying events of requests not sampled, in one. */
  @State(Scope.Thread)
  public static class Unsampled extends LogbackRequestState {
    public Unsampled() {
      super(false);
    }

    @Override
    protected LoggerContext context(OutputStream out, boolean dropUnsampled) {
      return LogbackJsonEncoderBenchmark.context(out, dropUnsampled);
    }
  }

  static LoggerContext context(OutputStream out, boolean dropUnsampled) {
    return LogbackSetup.context(
        out,
        ctx -> {
          ctx.putProperty("service", Fixture.SERVICE);
          ctx.putProperty("version", Fixture.VERSION);
          return new JsonEncoder();
        },
        dropUnsampled);
  }

  /** The order line, as the benchmark and the equivalence test write it. */
  static void info(Logger log) {
    log.atInfo()
        .addKeyValue("event", Fixture.EVENT)
        .addKeyValue("user_id", 12345L)
        .addKeyValue("order_id", 67890L)
        .addKeyValue("amount", 99.99)
        .addKeyValue("currency", "EUR")
        .addKeyValue("country", "FR")
        .addKeyValue("express", true)
        .log(Fixture.MESSAGE);
  }

  @Benchmark
  public long info(Sampled s) {
    info(s.log);
    return s.out.bytes;
  }

  /** The order line at DEBUG on an INFO logger: {@code atDebug()} returns a no-op builder. */
  @Benchmark
  public void debugDisabled(Sampled s) {
    s.log
        .atDebug()
        .addKeyValue("event", Fixture.EVENT)
        .addKeyValue("user_id", 12345L)
        .addKeyValue("order_id", 67890L)
        .addKeyValue("amount", 99.99)
        .addKeyValue("currency", "EUR")
        .addKeyValue("country", "FR")
        .addKeyValue("express", true)
        .log(Fixture.MESSAGE);
  }

  @Benchmark
  public void debugDisabledGuarded(Sampled s) {
    if (s.log.isDebugEnabled()) {
      s.log
          .atDebug()
          .addKeyValue("event", Fixture.EVENT)
          .addKeyValue("user_id", 12345L)
          .addKeyValue("order_id", 67890L)
          .addKeyValue("amount", 99.99)
          .addKeyValue("currency", "EUR")
          .addKeyValue("country", "FR")
          .addKeyValue("express", true)
          .log(Fixture.MESSAGE);
    }
  }

  /** The order line in a request not sampled: {@code atInfo()} consults the turbo filter. */
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
