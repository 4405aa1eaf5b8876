package dev.correlog.demo;

import dev.correlog.Correlog;
import dev.correlog.Level;
import dev.correlog.sampling.ErrorFlush;
import dev.correlog.sink.Sinks;
import java.nio.file.Path;

/**
 * How each service's {@link Correlog} is configured: its own name, version and NDJSON file, as
 * separate containers would have. All share the same sampling policy: new traces head-sampled at
 * 10%, health checks at 1%, each service's business events at 50% (their lines carry {@code
 * sample_rate}, so counts can be extrapolated), WARN and ERROR always kept, a request that fails
 * writes its held lines too (error flush), and a chatty logger held back by level.
 */
final class Services {
  static final double HEAD_RATIO = 0.1;
  static final double HEALTH_RATIO = 0.01;

  /** Each service's own business events: half the traces, written with sample_rate 2. */
  static final double BUSINESS_RATIO = 0.5;

  /** The gateway's logger for the health endpoint's access event (its own sampling rule). */
  static final String HEALTH_LOGGER = "gateway.health";

  /** Inventory's stock-lookup logger: DEBUG lines, switched off by level. */
  static final String STOCK_DB_LOGGER = "inventory.db";

  private Services() {}

  static Correlog gateway(Path dir) {
    return base("gateway", "2.3.0", dir)
        .eventRule("order.*", BUSINESS_RATIO)
        .eventRule("health.check", HEALTH_RATIO)
        .loggerRule(HEALTH_LOGGER, HEALTH_RATIO)
        // SLF4J is process-wide: what libraries log through it lands in the gateway's file.
        // Clients and Jetty: warnings. The broker stands in for infrastructure whose logs would
        // be elsewhere: errors only.
        .level("org.eclipse.jetty", Level.WARN)
        .level("org.apache.kafka", Level.ERROR)
        .level("org.apache.kafka.clients", Level.WARN)
        .level("kafka", Level.ERROR)
        .level("io.grpc", Level.WARN)
        .build();
  }

  static Correlog inventory(Path dir) {
    return base("inventory", "1.8.4", dir)
        .eventRule("stock.*", BUSINESS_RATIO)
        .level(STOCK_DB_LOGGER, Level.WARN)
        .build();
  }

  static Correlog fulfillment(Path dir) {
    return base("fulfillment", "0.9.1", dir).eventRule("shipment.*", BUSINESS_RATIO).build();
  }

  private static Correlog.Builder base(String service, String version, Path dir) {
    return Correlog.builder()
        .service(service)
        .version(version)
        .environment("demo")
        .level(Level.DEBUG)
        .headRatio(HEAD_RATIO)
        .errorFlush(ErrorFlush.defaults())
        .countDisabled(true) // the summary's last column
        .sink(Sinks.async(Sinks.file(file(dir, service))));
  }

  static Path file(Path dir, String service) {
    return dir.resolve(service + ".ndjson");
  }
}
