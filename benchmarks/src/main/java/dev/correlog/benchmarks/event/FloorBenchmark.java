package dev.correlog.benchmarks.event;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.Level;
import dev.correlog.context.TraceContext;
import dev.correlog.sink.Sink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under {@link EmitBenchmark#tenFields}: the very line that benchmark writes, captured
 * once from Correlog, then only copied into a reused buffer and handed to the same discarding sink,
 * with no check, no encoding and no decision. {@code wholeLine} copies it in one piece; {@code
 * pieces} copies it in the pieces the event path writes (one per member of the JSON object, so one
 * per field), after reading the clock as the event path does. What the event path costs above
 * {@code pieces} is its checks, encoding and bookkeeping.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FloorBenchmark {
  private final DiscardingSink sink = new DiscardingSink();
  private byte[] line;
  private byte[][] pieces;
  private final byte[] buffer = new byte[4096];

  @Setup
  public void setUp() {
    byte[][] captured = new byte[1][];
    Sink capture =
        (level, bytes, offset, length) -> {
          captured[0] = Arrays.copyOfRange(bytes, offset, offset + length);
        };
    Correlog correlog =
        Correlog.builder().service("order-service").version("1.4.2").sink(capture).build();
    EventLogger log = correlog.logger("com.acme.Orders");
    try (var scope = TraceContext.newRoot("req-789").withSampled(true).newChild().attach()) {
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
    }
    correlog.close();
    line = captured[0];
    pieces = split(line);
  }

  /** The line cut before each {@code ,"} (the start of each member after the first). */
  static byte[][] split(byte[] line) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < line.length - 1; i++) {
      if (line[i] == ',' && line[i + 1] == '"') {
        out.add(Arrays.copyOfRange(line, start, i));
        start = i;
      }
    }
    out.add(Arrays.copyOfRange(line, start, line.length));
    return out.toArray(new byte[0][]);
  }

  /** The line's length, its members (pieces) and its text, for the README. */
  public static void main(String[] args) {
    FloorBenchmark b = new FloorBenchmark();
    b.setUp();
    System.out.println(
        b.line.length
            + " bytes, "
            + b.pieces.length
            + " pieces: "
            + new String(b.line, StandardCharsets.UTF_8));
  }

  @Benchmark
  public long wholeLine() {
    System.arraycopy(line, 0, buffer, 0, line.length);
    sink.write(Level.INFO, buffer, 0, line.length);
    return sink.bytes;
  }

  @Benchmark
  public long pieces() {
    long now = System.currentTimeMillis();
    int n = 0;
    for (byte[] p : pieces) {
      System.arraycopy(p, 0, buffer, n, p.length);
      n += p.length;
    }
    sink.write(Level.INFO, buffer, 0, n);
    return sink.bytes + now;
  }
}
