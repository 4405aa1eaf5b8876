package dev.correlog.benchmarks.event;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * What each kind of piece of {@link EmitBenchmark#tenFields} costs, by the calling thread's CPU
 * time ({@link ThreadMXBean}): the whole event, the envelope alone, and the envelope with only the
 * message, four longs, four strings, two doubles or two booleans (the benchmark's own names and
 * values). Not a JMH benchmark: a harness for direction. Every workload runs once per round, in
 * turn, so that each is paired with an {@code envelopeOnly} round taken a few milliseconds apart;
 * the marginal cost of a piece is the median over rounds of (workload - envelope). On this VM one
 * workload's round-to-round spread is wide (tenFields 230 to 460 ns a call), which pairing cancels
 * much better than comparing two separate runs. Also prints a register-only reference loop per
 * round, whose steadiness says the spread is not the CPU's clock.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.correlog.benchmarks.event.EmitPartsTiming \
 *     [rounds=60] [callsPerRound=30000]
 * </pre>
 */
public final class EmitPartsTiming {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String[] NAMES = {
    "tenFields",
    "envelopeOnly",
    "+ message",
    "+ 4 longs",
    "+ 4 strings",
    "+ 2 doubles",
    "+ 2 booleans",
    "reference loop"
  };

  private final DiscardingSink sink = new DiscardingSink();
  private final Correlog correlog =
      Correlog.builder().service("order-service").version("1.4.2").sink(sink).build();
  private final EventLogger log = correlog.logger("com.acme.Orders");

  private EmitPartsTiming() {}

  long tenFields() {
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

  long part(int which) {
    switch (which) {
      case 1 -> log.info("order.placed").emit();
      case 2 -> log.info("order.placed").message("order placed").emit();
      case 3 ->
          log.info("order.placed")
              .field("user_id", 12345L)
              .field("order_id", 67890L)
              .field("items", 3)
              .field("quantity", 7L)
              .emit();
      case 4 ->
          log.info("order.placed")
              .field("currency", "EUR")
              .field("country", "FR")
              .field("channel", "web")
              .field("coupon", "SPRING25")
              .emit();
      case 5 -> log.info("order.placed").field("amount", 99.99).field("discount", 0.15).emit();
      default -> log.info("order.placed").field("express", true).field("gift", false).emit();
    }
    return sink.bytes;
  }

  /** A multiply-add chain in registers only, 20 steps a call. */
  static long reference(long x) {
    for (int i = 0; i < 20; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }

  long run(int which, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += which == 0 ? tenFields() : which == 7 ? reference(sum + i) : part(which);
    }
    return sum;
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
    EmitPartsTiming timing = new EmitPartsTiming();
    int k = NAMES.length;
    double[][] ns = new double[k][rounds];
    long blackhole = 0;
    try (Scope scope = TraceContext.newRoot("req-789").withSampled(true).newChild().attach()) {
      for (int w = 0; w < 10; w++) {
        for (int j = 0; j < k; j++) {
          blackhole += timing.run(j, n);
        }
      }
      for (int r = 0; r < rounds; r++) {
        for (int j = 0; j < k; j++) {
          long start = THREADS.getCurrentThreadCpuTime();
          blackhole += timing.run(j, n);
          ns[j][r] = (THREADS.getCurrentThreadCpuTime() - start) / (double) n;
        }
      }
    }
    timing.correlog.close();
    System.out.printf(
        Locale.ROOT,
        "%-15s %8s %8s %8s %s%n",
        "workload",
        "min",
        "median",
        "max",
        "minus envelope");
    for (int j = 0; j < k; j++) {
      double[] sorted = ns[j].clone();
      Arrays.sort(sorted);
      double[] diff = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        diff[r] = ns[j][r] - ns[1][r];
      }
      Arrays.sort(diff);
      System.out.printf(
          Locale.ROOT,
          "%-15s %8.1f %8.1f %8.1f %s%n",
          NAMES[j],
          sorted[0],
          sorted[rounds / 2],
          sorted[rounds - 1],
          j == 1 || j == 7
              ? ""
              : String.format(Locale.ROOT, "%.1f (paired median)", diff[rounds / 2]));
    }
    System.out.println("ns of CPU a call; checksum " + (blackhole & 1));
  }
}
