package dev.correlog.benchmarks.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.correlog.context.TraceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
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
 * The line of {@link EmitBenchmark#tenFields()} written with a reused Jackson generator instead of
 * Correlog's hand-written writer: the comparison that justifies the hand-written envelope writer.
 * Same fields, same order, to a reused in-memory buffer; no schema or sink work.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JacksonEnvelopeBenchmark {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
  private JsonGenerator gen;
  private TraceContext ctx;

  @Setup
  public void setUp() throws IOException {
    gen = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
    ctx = TraceContext.newRoot("req-789").newChild();
  }

  @Benchmark
  public int tenFieldsWithJackson() throws IOException {
    out.reset();
    JsonGenerator g = gen;
    g.writeStartObject();
    g.writeStringField("timestamp", Instant.now().toString());
    g.writeStringField("level", "INFO");
    g.writeStringField("service", "order-service");
    g.writeStringField("version", "1.4.2");
    g.writeStringField("trace_id", ctx.traceIdHex());
    g.writeStringField("span_id", ctx.spanIdHex());
    g.writeStringField("request_id", ctx.requestId());
    g.writeStringField("event", "order.placed");
    g.writeStringField("parent_span_id", ctx.parentSpanIdHex());
    g.writeStringField("logger", "com.acme.Orders");
    g.writeStringField("thread", Thread.currentThread().getName());
    g.writeStringField("message", "order placed");
    g.writeNumberField("user_id", 12345L);
    g.writeNumberField("order_id", 67890L);
    g.writeNumberField("amount", 99.99);
    g.writeStringField("currency", "EUR");
    g.writeStringField("country", "FR");
    g.writeBooleanField("express", true);
    g.writeNumberField("items", 3);
    g.writeNumberField("discount", 0.15);
    g.writeStringField("channel", "web");
    g.writeStringField("coupon", "SPRING25");
    g.writeEndObject();
    g.writeRaw('\n');
    g.flush();
    return out.size();
  }
}
