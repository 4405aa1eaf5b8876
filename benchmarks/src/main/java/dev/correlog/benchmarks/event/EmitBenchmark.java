package dev.correlog.benchmarks.event;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.TraceContext;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One INFO event with the full envelope and ten user fields, inside a request scope, written to a
 * discarding sink. The figure of record for the per-event cost (run with {@code -prof gc}).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EmitBenchmark {
  private Correlog correlog;
  private EventLogger log;
  private dev.correlog.context.Scope scope;
  private final DiscardingSink sink = new DiscardingSink();

  @Setup
  public void setUp() {
    correlog = Correlog.builder().service("order-service").version("1.4.2").sink(sink).build();
    log = correlog.logger("com.acme.Orders");
    scope = TraceContext.newRoot("req-789").withSampled(true).newChild().attach();
  }

  @TearDown
  public void tearDown() {
    scope.close();
  }

  @Benchmark
  public long tenFields() {
    log.info("order.placed")
        .field("user_id", 12345L)
        .field("order_id", 67890L)
        .field("amount", 99.99)
        .field("currency", "EUR")
        .field("country", "FR")
        .field("express", true)
        .field("items", 3)
        .field("discount", 0.15)
        .field("channel", "web")
        .field("coupon", "SPRING25")
        .message("order placed")
        .emit();
    return sink.bytes;
  }

  @Benchmark
  public long envelopeOnly() {
    log.info("order.placed").emit();
    return sink.bytes;
  }

  @Benchmark
  public void disabledDebug() {
    log.debug("cache.lookup").field("key", "k").field("hit", true).emit();
  }
}
