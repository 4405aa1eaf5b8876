package dev.correlog.benchmarks.store;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.otel.OtelLogSink;
import dev.correlog.sink.Sinks;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost the OTLP sink adds to one event: the same INFO event (six fields, a message, in a trace)
 * to a discarding sink, and to {@code OtelLogSink} feeding the SDK's {@code
 * BatchLogRecordProcessor} whose exporter takes the batches and does nothing (the network is not
 * measured). The difference is the line read back, the record built and queued.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OtelSinkBenchmark {
  private Correlog discarding;
  private Correlog otel;
  private SdkLoggerProvider provider;
  private SdkLoggerProvider syncProvider;
  private Correlog otelSync;
  private EventLogger toOtelSync;
  private EventLogger toDiscard;
  private EventLogger toOtel;
  private Scope scope;
  final LongAdder exported = new LongAdder();

  @Setup(Level.Trial)
  public void setUp() {
    provider =
        SdkLoggerProvider.builder()
            .setResource(OtelLogSink.resource("order-service", "1.4.2", "prod"))
            .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter()).build())
            .build();
    syncProvider =
        SdkLoggerProvider.builder()
            .setResource(OtelLogSink.resource("order-service", "1.4.2", "prod"))
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter()))
            .build();
    discarding = build(Sinks.discarding());
    otel = build(OtelLogSink.create(provider));
    otelSync = build(OtelLogSink.create(syncProvider));
    toDiscard = discarding.logger("com.acme.Orders");
    toOtel = otel.logger("com.acme.Orders");
    toOtelSync = otelSync.logger("com.acme.Orders");
    scope = TraceContext.newRoot("req-789").newChild().attach();
  }

  private LogRecordExporter exporter() {
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        exported.add(logs.size());
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }

  private static Correlog build(dev.correlog.sink.Sink sink) {
    return Correlog.builder()
        .service("order-service")
        .version("1.4.2")
        .environment("prod")
        .sink(sink)
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scope.close();
    discarding.close();
    otel.close();
    otelSync.close();
    provider.shutdown().join(10, TimeUnit.SECONDS);
    syncProvider.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public void discardingSink() {
    event(toDiscard);
  }

  /** Through the SDK's batch processor (a queue and an export thread), as in production. */
  @Benchmark
  public void otelSink() {
    event(toOtel);
  }

  /** Through the SDK's simple processor: the sink and the record alone, on the calling thread. */
  @Benchmark
  public void otelSinkSimpleProcessor() {
    event(toOtelSync);
  }

  private static void event(EventLogger log) {
    log.info("order.placed")
        .field("user_id", 12345)
        .field("order_id", 67890L)
        .field("amount", 99.99)
        .field("currency", "EUR")
        .field("gift", false)
        .field("sku", "A-1")
        .message("order placed")
        .emit();
  }
}
