package dev.correlog.benchmarks.event;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
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
 * The floor under the sampled-out event (issue 15): an event in a scope decided not sampled must
 * find that scope, which on Java 17 is one {@link ThreadLocal#get()}. Three rows in one run: that
 * bare lookup and a read of what it holds ({@code threadLocalFloor}, the shape of Correlog's scope
 * stack without any of its code), {@link TraceContext#current()} (the same lookup plus the
 * OpenTelemetry check), and the whole unguarded event ({@code sampledOut}, the six fields and the
 * message of {@code peers.CorrelogBenchmark} ignored by the no-op builder). What the event adds to
 * the floor: one read of the logger's gate (its level and drop bound), one of the byte in which the
 * scope noted "decided not sampled" when attached, OpenTelemetry's check (one volatile read) and
 * the logger's sampled-out count. The OpenTelemetry API is on the class path, as in the peers' run.
 * Error flush and error boost are off (the defaults): with error flush on, such an event is held
 * for its request, not dropped.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SampledOutFloorBenchmark {
  /** What Correlog's scope stack keeps per scope, reduced to the fields the lookup reads. */
  static final class Node {
    final TraceContext context;
    volatile boolean closed;

    Node(TraceContext context) {
      this.context = context;
    }
  }

  private static final ThreadLocal<Node> FLOOR = new ThreadLocal<>();

  private Correlog correlog;
  private EventLogger log;
  private Scope scope;

  /** The Correlog of these rows: head ratio 0, a discarding sink. */
  static Correlog headRatioZero() {
    return Correlog.builder()
        .service("order-service")
        .version("1.4.2")
        .headRatio(0.0)
        .sink(new DiscardingSink())
        .build();
  }

  @Setup
  public void setUp() {
    correlog = headRatioZero();
    log = correlog.logger("com.acme.Orders");
    TraceContext unsampled = TraceContext.newRoot("req-789").withSampled(false);
    scope = unsampled.attach();
    FLOOR.set(new Node(unsampled));
  }

  @TearDown
  public void tearDown() {
    FLOOR.remove();
    scope.close();
    correlog.close();
  }

  /** One {@code ThreadLocal.get()} and the reads of what it holds: no Correlog code. */
  @Benchmark
  public TraceContext threadLocalFloor() {
    Node n = FLOOR.get();
    return n == null || n.closed ? null : n.context;
  }

  /** The current context as every event finds it. */
  @Benchmark
  public TraceContext currentContext() {
    return TraceContext.current();
  }

  /** The order event, unguarded, in the scope decided not sampled. */
  @Benchmark
  public void sampledOut() {
    order(log);
  }

  /** The order event of {@code peers.CorrelogBenchmark}, unguarded. */
  static void order(EventLogger log) {
    log.info("order.placed")
        .field("user_id", 12345L)
        .field("order_id", 67890L)
        .field("amount", 99.99)
        .field("currency", "EUR")
        .field("country", "FR")
        .field("express", true)
        .message("order placed")
        .emit();
  }
}
