package dev.correlog.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Correlog events through the sink, the real SDK batch processor and the real OTLP exporters (HTTP
 * and gRPC) to a receiver in this test, parsed with the OTLP protobuf classes.
 */
class OtlpExportTest {
  private final List<ExportLogsServiceRequest> received = new CopyOnWriteArrayList<>();

  @Test
  void exportsOverOtlpHttp() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/logs",
        ex -> {
          received.add(ExportLogsServiceRequest.parseFrom(ex.getRequestBody().readAllBytes()));
          byte[] ok = ExportLogsServiceResponse.getDefaultInstance().toByteArray();
          ex.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          ex.sendResponseHeaders(200, ok.length);
          ex.getResponseBody().write(ok);
          ex.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs";
      check(OtlpHttpLogRecordExporter.builder().setEndpoint(url).build());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void exportsOverOtlpGrpc() throws Exception {
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                new LogsServiceGrpc.LogsServiceImplBase() {
                  @Override
                  public void export(
                      ExportLogsServiceRequest request,
                      StreamObserver<ExportLogsServiceResponse> response) {
                    received.add(request);
                    response.onNext(ExportLogsServiceResponse.getDefaultInstance());
                    response.onCompleted();
                  }
                })
            .build()
            .start();
    try {
      String url = "http://127.0.0.1:" + server.getPort();
      check(OtlpGrpcLogRecordExporter.builder().setEndpoint(url).build());
    } finally {
      server.shutdownNow();
    }
  }

  private void check(LogRecordExporter exporter) {
    SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(OtelLogSink.resource("order-service", "1.4.2", "prod"))
            .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build())
            .build();
    TraceContext ctx = TraceContext.newRoot("req-789").newChild();
    TraceContext unsampled = TraceContext.newRoot().withSampled(false);
    try (Correlog correlog =
        Correlog.builder()
            .service("order-service")
            .version("1.4.2")
            .environment("prod")
            .sink(OtelLogSink.create(provider))
            .build()) {
      EventLogger log = correlog.logger("com.acme.Orders");
      try (Scope s = ctx.attach()) {
        log.info("order.placed")
            .field("user_id", 12345)
            .field("amount", 99.99)
            .field("gift", true)
            .field("coupon", "WINTER")
            .field("address", a -> a.field("city", "Lyon").field("zip", 69001))
            .message("order placed")
            .emit();
        log.error("order.failed").error(new IllegalStateException("no stock")).emit();
      }
      try (Scope s = unsampled.attach()) {
        log.info("order.viewed").emit(); // sampled out
        log.warn("order.slow").emit(); // kept by its level, in a trace not sampled
      }
    }
    provider.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(received).isNotEmpty();
    ResourceLogs rl = received.get(0).getResourceLogs(0);
    Map<String, AnyValue> resource = map(rl.getResource().getAttributesList());
    assertThat(resource.get("service.name").getStringValue()).isEqualTo("order-service");
    assertThat(resource.get("service.version").getStringValue()).isEqualTo("1.4.2");
    assertThat(resource.get("deployment.environment.name").getStringValue()).isEqualTo("prod");
    ScopeLogs scope = rl.getScopeLogs(0);
    assertThat(scope.getScope().getName()).isEqualTo("com.acme.Orders");
    assertThat(scope.getLogRecordsCount()).isEqualTo(3);

    LogRecord placed = scope.getLogRecords(0);
    assertThat(placed.getBody().getStringValue()).isEqualTo("order placed");
    assertThat(placed.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);
    assertThat(placed.getSeverityText()).isEqualTo("INFO");
    assertThat(placed.getEventName()).isEqualTo("order.placed");
    assertThat(HexFormat.of().formatHex(placed.getTraceId().toByteArray()))
        .isEqualTo(ctx.traceIdHex());
    assertThat(HexFormat.of().formatHex(placed.getSpanId().toByteArray()))
        .isEqualTo(ctx.spanIdHex());
    assertThat(placed.getFlags() & 0xff).isEqualTo(1);
    long nanos = placed.getTimeUnixNano();
    assertThat(nanos % 1000).isZero(); // microseconds, as the line has them
    assertThat(Math.abs(nanos / 1_000_000 - Instant.now().toEpochMilli())).isLessThan(60_000);
    Map<String, AnyValue> a = map(placed.getAttributesList());
    assertThat(a.get("user_id").getIntValue()).isEqualTo(12345);
    assertThat(a.get("amount").getDoubleValue()).isEqualTo(99.99);
    assertThat(a.get("gift").getBoolValue()).isTrue();
    assertThat(a.get("coupon").getStringValue()).isEqualTo("WINTER");
    assertThat(a.get("address.city").getStringValue()).isEqualTo("Lyon");
    assertThat(a.get("address.zip").getIntValue()).isEqualTo(69001);
    assertThat(a.get("request_id").getStringValue()).isEqualTo("req-789");
    assertThat(a.get("event.name").getStringValue()).isEqualTo("order.placed");
    assertThat(a.get("thread.name").getStringValue()).isEqualTo(Thread.currentThread().getName());
    assertThat(a).doesNotContainKeys("service", "version", "trace_id", "span_id", "message");

    LogRecord failed = scope.getLogRecords(1);
    assertThat(failed.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR);
    assertThat(failed.getBody().getStringValue()).isEqualTo("order.failed"); // no message
    Map<String, AnyValue> e = map(failed.getAttributesList());
    assertThat(e.get("exception.type").getStringValue())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(e.get("exception.message").getStringValue()).isEqualTo("no stock");
    assertThat(e.get("exception.stacktrace").getStringValue()).contains("OtlpExportTest");
    assertThat(failed.getFlags() & 0xff).isEqualTo(1);

    LogRecord slow = scope.getLogRecords(2);
    assertThat(slow.getEventName()).isEqualTo("order.slow");
    assertThat(HexFormat.of().formatHex(slow.getTraceId().toByteArray()))
        .isEqualTo(unsampled.traceIdHex());
    assertThat(slow.getFlags() & 0xff).isEqualTo(0); // the line said "trace_sampled":false
    assertThat(map(slow.getAttributesList())).doesNotContainKey("trace_sampled");
  }

  private static Map<String, AnyValue> map(List<KeyValue> kvs) {
    Map<String, AnyValue> m = new HashMap<>();
    kvs.forEach(kv -> m.put(kv.getKey(), kv.getValue()));
    return m;
  }
}
