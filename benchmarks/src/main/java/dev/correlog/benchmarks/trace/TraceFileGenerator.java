package dev.correlog.benchmarks.trace;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sink.FileSink;
import dev.correlog.sink.Sinks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes an NDJSON file of at least the given size with the real core: four services, each its own
 * {@link Correlog}, sharing one file sink (lines interleaved as a collector merges them), about ten
 * lines per request across the four. Writes the trace id of one request in the middle of the file
 * to {@code FILE.id}. Reuses an existing file of that size.
 *
 * <pre>java -cp benchmarks.jar dev.correlog.benchmarks.trace.TraceFileGenerator FILE MB</pre>
 */
public final class TraceFileGenerator {
  private TraceFileGenerator() {}

  public static void main(String[] args) throws IOException {
    System.out.println(ensure(Path.of(args[0]), Integer.parseInt(args[1])));
  }

  /** The trace id to search for in {@code file}, generating the file first when needed. */
  public static String ensure(Path file, int megabytes) throws IOException {
    Path idFile = Path.of(file + ".id");
    long target = megabytes * 1_000_000L;
    if (Files.exists(file) && Files.exists(idFile) && Files.size(file) >= target) {
      return Files.readString(idFile, StandardCharsets.UTF_8).trim();
    }
    Files.deleteIfExists(file);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    FileSink sink = Sinks.file(file);
    String[] names = {"gateway", "inventory", "pricing", "fulfillment"};
    Correlog[] services = new Correlog[names.length];
    EventLogger[] log = new EventLogger[names.length];
    for (int i = 0; i < names.length; i++) {
      services[i] = Correlog.builder().service(names[i]).version("2.3.1").sink(sink).build();
      log[i] = services[i].logger("com.acme." + names[i] + ".Handler");
    }
    SplittableRandom random = new SplittableRandom(7);
    String wanted = null;
    long requests = 0;
    while (Files.size(file) < target) {
      for (int i = 0; i < 1000; i++, requests++) {
        String id = request(log, random, requests);
        if (wanted == null && Files.size(file) >= target / 2) {
          wanted = id;
        }
      }
      sink.flush();
    }
    for (Correlog c : services) {
      c.close();
    }
    Files.writeString(idFile, wanted + "\n", StandardCharsets.UTF_8);
    return wanted;
  }

  private static String request(EventLogger[] log, SplittableRandom random, long n) {
    TraceContext root = TraceContext.newRoot();
    try (Scope s = root.attach()) {
      log[0]
          .info("order.received")
          .field("sku", "SKU-" + random.nextInt(10_000))
          .field("user_id", random.nextLong(1_000_000))
          .message("order received")
          .emit();
      TraceContext call = root.newChild();
      TraceContext inventory = call.newChild();
      try (Scope c = inventory.attach()) {
        log[1]
            .info("stock.checked")
            .field("sku", "SKU-1")
            .field("available", random.nextInt(50))
            .emit();
        try (Scope p = inventory.newChild().attach()) {
          log[2].info("price.computed").field("amount", random.nextDouble() * 100).emit();
          log[2]
              .info("rpc.server.call")
              .field("rpc.method", "Pricing/Quote")
              .field("duration_ms", random.nextDouble() * 5)
              .emit();
        }
        if (n % 50 == 7) {
          log[1]
              .error("stock.failed")
              .message("reservation failed")
              .field("reason", "timeout")
              .emit();
        }
        log[1]
            .info("rpc.server.call")
            .field("rpc.method", "Inventory/Reserve")
            .field("duration_ms", random.nextDouble() * 20)
            .emit();
        try (Scope k = inventory.newChild().attach()) {
          log[3].info("shipment.created").field("order_id", n).field("carrier", "ups").emit();
          log[3]
              .info("messaging.process")
              .field("topic", "orders")
              .field("partition", 3)
              .field("duration_ms", random.nextDouble() * 10)
              .emit();
        }
      }
      try (Scope c = call.attach()) {
        log[0].info("rpc.client.call").field("duration_ms", random.nextDouble() * 25).emit();
      }
      log[0]
          .info("http.server.request")
          .field("http.method", "POST")
          .field("http.route", "/orders")
          .field("http.status_code", 201)
          .field("duration_ms", random.nextDouble() * 30)
          .emit();
    }
    return root.traceIdHex();
  }
}
