package dev.correlog.benchmarks.event;

import dev.correlog.Correlog;
import dev.correlog.EventEncoder;
import dev.correlog.EventLogger;
import dev.correlog.FieldNamePolicy;
import dev.correlog.Level;
import dev.correlog.context.TraceContext;
import java.io.OutputStream;
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
 * An event from elsewhere, as the SLF4J provider and the Logback encoder will write it: its own
 * timestamp, thread name and captured context, six fields with the names users give them (kept as
 * given), and a message. {@code viaLogger} goes through sampling to a discarding sink; {@code
 * viaEncoder} writes the line to a discarding stream through {@link EventEncoder}; {@code
 * viaEncoderToBytes} returns it as a new array (its only allocation).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForeignEventBenchmark {
  private final DiscardingSink sink = new DiscardingSink();
  private final Discarding out = new Discarding();
  private EventLogger log;
  private EventEncoder encoder;
  private TraceContext captured;
  private long micros = 1_744_813_381_123_456L;

  /** Keeps a checksum of what it is given. */
  static final class Discarding extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes += 1 + b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len + b[off + len - 2];
    }
  }

  @Setup
  public void setUp() {
    Correlog correlog =
        Correlog.builder().service("order-service").version("1.4.2").sink(sink).build();
    log = correlog.logger("com.acme.Orders");
    encoder = correlog.encoder();
    captured = TraceContext.newRoot("req-789").withSampled(true).newChild();
  }

  @Benchmark
  public long viaLogger() {
    log.at(Level.INFO, "log", captured)
        .fieldNames(FieldNamePolicy.KEEP)
        .timestampMicros(micros++)
        .thread("http-nio-8080-exec-1")
        .field("userId", 12345L)
        .field("orderId", 67890L)
        .field("amount", 99.99)
        .field("currency", "EUR")
        .field("http.method", "POST")
        .field("express", true)
        .message("order placed")
        .emit();
    return sink.bytes;
  }

  @Benchmark
  public long viaEncoder() throws java.io.IOException {
    encoder
        .begin(Level.INFO, "log", "com.acme.Orders", captured)
        .fieldNames(FieldNamePolicy.KEEP)
        .timestampMicros(micros++)
        .thread("http-nio-8080-exec-1")
        .field("userId", 12345L)
        .field("orderId", 67890L)
        .field("amount", 99.99)
        .field("currency", "EUR")
        .field("http.method", "POST")
        .field("express", true)
        .message("order placed")
        .writeTo(out);
    return out.bytes;
  }

  @Benchmark
  public byte[] viaEncoderToBytes() {
    return encoder
        .begin(Level.INFO, "log", "com.acme.Orders", captured)
        .fieldNames(FieldNamePolicy.KEEP)
        .timestampMicros(micros++)
        .thread("http-nio-8080-exec-1")
        .field("userId", 12345L)
        .field("orderId", 67890L)
        .field("amount", 99.99)
        .field("currency", "EUR")
        .field("http.method", "POST")
        .field("express", true)
        .message("order placed")
        .toBytes();
  }
}
