package dev.correlog.benchmarks.peers;

import static net.logstash.logback.argument.StructuredArguments.kv;

import ch.qos.logback.classic.LoggerContext;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
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
 * Logback with logstash-logback-encoder's {@link LogstashEncoder}: the order fields as structured
 * arguments ({@code kv(..)}), the ids from the MDC, service and version as custom fields, field
 * names set to Correlog's (what a team wanting one schema across services would configure).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogstashEncoderBenchmark {

  /** Root at INFO, inside the sampled request (ids in the MDC). */
  @State(Scope.Thread)
  public static class Sampled extends LogbackRequestState {
    public Sampled() {
      super(true);
    }

    @Override
    protected LoggerContext context(OutputStream out, boolean dropUnsampled) {
      return LogstashEncoderBenchmark.context(out, dropUnsampled);
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
      return LogstashEncoderBenchmark.context(out, dropUnsampled);
    }
  }

  static LoggerContext context(OutputStream out, boolean dropUnsampled) {
    return LogbackSetup.context(out, LogstashEncoderBenchmark::encoder, dropUnsampled);
  }

  /** Correlog's field names; service and version as custom fields. */
  static LogstashEncoder encoder(LoggerContext unused) {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setCustomFields(
        "{\"service\":\"" + Fixture.SERVICE + "\",\"version\":\"" + Fixture.VERSION + "\"}");
    encoder.setTimestampPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
    encoder.setTimeZone("UTC");
    LogstashFieldNames names = encoder.getFieldNames();
    names.setTimestamp("timestamp");
    names.setVersion("[ignore]"); // "@version":"1"; "version" is the custom field
    names.setLevelValue("[ignore]");
    names.setLogger("logger");
    names.setThread("thread");
    return encoder;
  }

  /** The order line, as the benchmark and the equivalence test write it. */
  static void info(Logger log) {
    log.info(
        Fixture.MESSAGE,
        kv("event", Fixture.EVENT),
        kv("user_id", 12345L),
        kv("order_id", 67890L),
        kv("amount", 99.99),
        kv("currency", "EUR"),
        kv("country", "FR"),
        kv("express", true));
  }

  @Benchmark
  public long info(Sampled s) {
    info(s.log);
    return s.out.bytes;
  }

  /** The order line at DEBUG on an INFO logger, unguarded: the arguments are still built. */
  @Benchmark
  public void debugDisabled(Sampled s) {
    s.log.debug(
        Fixture.MESSAGE,
        kv("event", Fixture.EVENT),
        kv("user_id", 12345L),
        kv("order_id", 67890L),
        kv("amount", 99.99),
        kv("currency", "EUR"),
        kv("country", "FR"),
        kv("express", true));
  }

  @Benchmark
  public void debugDisabledGuarded(Sampled s) {
    if (s.log.isDebugEnabled()) {
      s.log.debug(
          Fixture.MESSAGE,
          kv("event", Fixture.EVENT),
          kv("user_id", 12345L),
          kv("order_id", 67890L),
          kv("amount", 99.99),
          kv("currency", "EUR"),
          kv("country", "FR"),
          kv("express", true));
    }
  }

  /** The order line in a request not sampled: built, then denied by the turbo filter. */
  @Benchmark
  public long sampledOut(Unsampled s) {
    info(s.log);
    return s.out.bytes;
  }

  /** As {@link #sampledOut}, behind {@code isInfoEnabled()} (which consults turbo filters). */
  @Benchmark
  public long sampledOutGuarded(Unsampled s) {
    if (s.log.isInfoEnabled()) {
      info(s.log);
    }
    return s.out.bytes;
  }
}
