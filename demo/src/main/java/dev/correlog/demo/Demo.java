package dev.correlog.demo;

import dev.correlog.Correlog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The four services in one JVM, all on 127.0.0.1: {@code gateway} (Jetty) calls {@code inventory}
 * (gRPC), which publishes to the {@code orders} topic of a real KRaft broker, consumed by {@code
 * fulfillment}. Each service has its own {@link Correlog} writing its own NDJSON file. {@link
 * #close()} stops them in reverse order, once, whoever calls it first (the shutdown hook or the
 * program).
 */
final class Demo implements AutoCloseable {
  static final List<String> SERVICES = List.of("gateway", "inventory", "fulfillment");

  private final Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Correlog gatewayLog;
  private final Correlog inventoryLog;
  private final Correlog fulfillmentLog;
  private Broker broker;
  private Inventory inventory;
  private Fulfillment fulfillment;
  private Gateway gateway;
  private boolean closed;

  private Demo(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    for (String service : SERVICES) {
      Files.deleteIfExists(Services.file(dir, service)); // each run starts with empty files
    }
    gatewayLog = keep(Services.gateway(dir));
    inventoryLog = keep(Services.inventory(dir));
    fulfillmentLog = keep(Services.fulfillment(dir));
    // The SLF4J provider writes through the process-wide instance: the gateway's.
    Correlog.install(gatewayLog);
  }

  /** Starts the broker and the three services; the gateway on {@code port} (0: any free port). */
  static Demo start(Path dir, int port) throws Exception {
    Demo demo = new Demo(dir);
    try {
      demo.broker = demo.keep(Broker.start());
      demo.broker.createTopic(Fulfillment.TOPIC, 1);
      demo.fulfillment =
          demo.keep(new Fulfillment(demo.fulfillmentLog, demo.broker.bootstrapServers()));
      demo.inventory = demo.keep(new Inventory(demo.inventoryLog, demo.broker.bootstrapServers()));
      demo.gateway = demo.keep(new Gateway(demo.gatewayLog, port, demo.inventory.port()));
      return demo;
    } catch (Exception | Error e) {
      demo.close();
      throw e;
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    synchronized (open) {
      open.add(resource);
    }
    return resource;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  int inventoryPort() {
    return inventory.port();
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  Path dir() {
    return dir;
  }

  List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (String service : SERVICES) {
      files.add(Services.file(dir, service));
    }
    return files;
  }

  List<Correlog> instances() {
    return List.of(gatewayLog, inventoryLog, fulfillmentLog);
  }

  /**
   * Waits until fulfillment has handled every record inventory published (at most {@code
   * timeoutMillis}), then flushes every service's lines to its file. False on time-out.
   */
  boolean settle(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    boolean done;
    while (!(done = fulfillment.processed() >= inventory.published())
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    // The record's messaging.process line is written just after its handler counted it.
    Thread.sleep(200);
    for (Correlog c : instances()) {
      c.flush();
    }
    return done;
  }

  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (open) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(open);
    }
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        System.err.println("demo: closing " + toClose.get(i).getClass().getSimpleName() + ": " + e);
      }
    }
    Correlog.uninstall();
  }
}
