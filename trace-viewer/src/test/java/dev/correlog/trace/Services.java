package dev.correlog.trace;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sink.InMemorySink;
import dev.correlog.sink.Sinks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Four services, each its own real {@link Correlog} writing to its own in-memory sink, on one
 * manual clock, and a request that crosses them the way the adapters do: gateway (HTTP server span,
 * gRPC client span) to inventory (gRPC server span) to pricing (gRPC server span) and, through a
 * Kafka client span, to fulfillment (consumer span). The Kafka hop drops the request id, as a
 * record without an {@code x-request-id} header would, so fulfillment's lines carry the trace id as
 * their request id.
 */
final class Services implements AutoCloseable {
  static final String[] NAMES = {"gateway", "inventory", "pricing", "fulfillment"};

  final Map<String, InMemorySink> sinks = new LinkedHashMap<>();
  private final Map<String, Correlog> correlogs = new LinkedHashMap<>();
  private final Map<String, EventLogger> loggers = new LinkedHashMap<>();
  private final List<String> interleaved = new ArrayList<>(); // every line, in emission order
  private long nowMicros = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli() * 1000;

  Services() {
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.EPOCH.plusNanos(nowMicros * 1000);
          }
        };
    for (String name : NAMES) {
      InMemorySink sink = Sinks.inMemory();
      Correlog c =
          Correlog.builder()
              .service(name)
              .version("1.0." + name.length())
              .environment("test")
              .sink(sink)
              .clock(clock)
              .level(dev.correlog.Level.DEBUG)
              .build();
      sinks.put(name, sink);
      correlogs.put(name, c);
      loggers.put(name, c.logger("dev.correlog.demo." + name));
    }
  }

  /** One request across the four services; returns its trace id. */
  String request(String requestId, boolean fail) {
    long t0 = nowMicros;
    TraceContext gateway = TraceContext.newRoot(requestId);
    try (Scope s = gateway.attach()) {
      at(t0 + 100, "gateway").info("order.received").field("sku", "A-1").message("order in").emit();
      TraceContext call = gateway.newChild(); // the gRPC client span
      TraceContext inventory = call.newChild();
      try (Scope c = inventory.attach()) {
        at(t0 + 1_000, "inventory").debug("stock.lookup").field("sku", "A-1").emit();
        TraceContext pricingCall = inventory.newChild(); // the gRPC client span to pricing
        try (Scope p = pricingCall.newChild().attach()) {
          at(t0 + 2_000, "pricing").info("price.computed").field("amount", 9.5).emit();
          at(t0 + 3_000, "pricing")
              .info("rpc.server.call")
              .field("duration_ms", 1.5)
              .field("rpc.method", "Price/Get")
              .emit();
        }
        try (Scope p = pricingCall.attach()) {
          at(t0 + 3_200, "inventory").info("rpc.client.call").field("duration_ms", 2.0).emit();
        }
        if (fail) {
          at(t0 + 4_000, "inventory")
              .error("stock.failed")
              .message("no stock")
              .error(new IllegalStateException("out of stock: A-1"))
              .emit();
        } else {
          TraceContext publish = inventory.newChild(); // the Kafka producer span
          try (Scope p = publish.attach()) {
            at(t0 + 4_000, "inventory").info("messaging.publish").field("topic", "orders").emit();
          }
          TraceContext consumer =
              TraceContext.of(
                  publish.traceIdHigh(),
                  publish.traceIdLow(),
                  publish.newChild().spanId(),
                  publish.spanId(),
                  (byte) 1,
                  null,
                  null);
          try (Scope k = consumer.attach()) {
            at(t0 + 9_000, "fulfillment").info("shipment.created").field("order_id", 7).emit();
            at(t0 + 12_000, "fulfillment")
                .info("messaging.process")
                .field("duration_ms", 4.0)
                .field("topic", "orders")
                .emit();
          }
        }
        at(t0 + 5_000, "inventory")
            .at(fail ? dev.correlog.Level.WARN : dev.correlog.Level.INFO, "rpc.server.call")
            .field("duration_ms", 4.5)
            .field("rpc.method", "Stock/Reserve")
            .emit();
      }
      try (Scope c = call.attach()) {
        at(t0 + 5_500, "gateway").info("rpc.client.call").field("duration_ms", 5.2).emit();
      }
      at(t0 + 6_000, "gateway")
          .info("http.server.request")
          .field("http.method", "POST")
          .field("http.route", "/orders")
          .field("http.status_code", fail ? 502 : 201)
          .field("duration_ms", 6.0)
          .emit();
    }
    nowMicros = t0 + 20_000;
    return gateway.traceIdHex();
  }

  private EventLogger at(long micros, String service) {
    nowMicros = micros;
    // The last line of any sink is the one just written: record emission order across services.
    flushInterleaved();
    return loggers.get(service);
  }

  private final Map<String, Integer> seen = new LinkedHashMap<>();

  private void flushInterleaved() {
    for (Map.Entry<String, InMemorySink> e : sinks.entrySet()) {
      List<String> lines = e.getValue().lines();
      int from = seen.getOrDefault(e.getKey(), 0);
      for (int i = from; i < lines.size(); i++) {
        interleaved.add(strip(lines.get(i)));
      }
      seen.put(e.getKey(), lines.size());
    }
  }

  /** Every line of every service, in the order written. */
  List<String> interleaved() {
    flushInterleaved();
    return new ArrayList<>(interleaved);
  }

  List<String> lines(String service) {
    List<String> out = new ArrayList<>();
    sinks.get(service).lines().forEach(l -> out.add(strip(l)));
    return out;
  }

  /** One file per service, as separate containers would write. */
  List<Path> files(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String name : NAMES) {
      files.add(write(dir.resolve(name + ".ndjson"), lines(name)));
    }
    return files;
  }

  static Path write(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  static Path gzip(Path file, List<String> lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (String l : lines) {
        out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }

  private static String strip(String line) {
    return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
  }

  @Override
  public void close() {
    correlogs.values().forEach(Correlog::close);
  }
}
