package dev.correlog.demo;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.grpc.CorrelogGrpc;
import dev.correlog.kafka.CorrelogProducerInterceptor;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The {@code inventory} service: a gRPC server on Netty (127.0.0.1) behind Correlog's server
 * interceptor, with one unary method, {@code demo.Inventory/Reserve}. Each reservation publishes a
 * record to the {@code orders} topic through a producer carrying {@link
 * CorrelogProducerInterceptor}; a SKU of the unreachable warehouse ({@code W3-...}) publishes a
 * rejection, logs an ERROR and fails the call.
 */
final class Inventory implements AutoCloseable {
  static final String SERVICE = "demo.Inventory";
  static final MethodDescriptor<String, String> RESERVE =
      StringMarshaller.unary(SERVICE, "Reserve");

  private final Correlog correlog;
  private final EventLogger log;
  private final EventLogger stockDb;
  private final KafkaProducer<String, String> producer;
  private final ExecutorService executor;
  private final Server server;
  private final AtomicInteger published = new AtomicInteger();

  Inventory(Correlog correlog, String bootstrapServers) throws IOException {
    this.correlog = correlog;
    this.log = correlog.logger("inventory.reservations");
    this.stockDb = correlog.logger(Services.STOCK_DB_LOGGER);
    this.producer = producer(correlog, bootstrapServers);
    this.executor = Executors.newFixedThreadPool(4, Threads.named("inventory-grpc"));
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(RESERVE, ServerCalls.asyncUnaryCall(this::reserve))
            .build();
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .executor(executor)
            .addService(
                ServerInterceptors.intercept(
                    service, CorrelogGrpc.create(correlog).serverInterceptor()))
            .build()
            .start();
  }

  private static KafkaProducer<String, String> producer(Correlog correlog, String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "inventory");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, CorrelogProducerInterceptor.class.getName());
    p.put("correlog.instance", correlog);
    return new KafkaProducer<>(p);
  }

  int port() {
    return server.getPort();
  }

  /** Records handed to the producer so far. */
  int published() {
    return published.get();
  }

  private void reserve(String request, StreamObserver<String> response) {
    Order order = Order.decode(request);
    stockDb
        .debug("stock.lookup") // below inventory.db's level (WARN): never built
        .field("sku", order.sku())
        .emit();
    log.info("stock.reserve")
        .field("sku", order.sku())
        .field("qty", order.qty())
        .message("reserving stock")
        .emit();
    if (order.delayMs() > 0) {
      pause(order.delayMs());
      log.info("stock.slow_warehouse").field("delay_ms", order.delayMs()).emit();
    }
    if (order.failsInInventory()) {
      publish(order, Fulfillment.REJECTED);
      IllegalStateException e =
          new IllegalStateException("warehouse W3 unreachable: connection refused");
      log.error("stock.reservation_failed")
          .field("sku", order.sku())
          .message("reservation failed")
          .error(e)
          .emit();
      response.onError(
          Status.INTERNAL.withDescription(e.getMessage()).withCause(e).asRuntimeException());
      return;
    }
    publish(order, Fulfillment.RESERVED);
    log.info("stock.reserved").field("sku", order.sku()).field("qty", order.qty()).emit();
    response.onNext("reserved " + order.qty() + " x " + order.sku());
    response.onCompleted();
  }

  private void publish(Order order, String status) {
    producer.send(
        new ProducerRecord<>(Fulfillment.TOPIC, order.sku(), status + "|" + order.encode()));
    published.incrementAndGet();
  }

  private static void pause(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow();
    }
    executor.shutdownNow();
    producer.close(Duration.ofSeconds(5));
    correlog.flush();
  }
}
