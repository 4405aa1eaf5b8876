package dev.correlog.demo;

import dev.correlog.Correlog;
import dev.correlog.grpc.CorrelogGrpc;
import dev.correlog.servlet.CorrelogFilter;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The {@code gateway} service: embedded Jetty 12 (ee10) on 127.0.0.1 with {@link CorrelogFilter},
 * serving {@code /api/orders} (which reserves stock through inventory's gRPC service, over a
 * channel with Correlog's client interceptor) and {@code /health}. The order servlet logs through
 * SLF4J, as existing code does; Correlog's SLF4J provider writes those lines into the gateway's
 * file with the request's trace ids.
 */
final class Gateway implements AutoCloseable {
  /** Requests slower than this are written whatever the sampling decision. */
  static final Duration SLOW = Duration.ofMillis(500);

  private final Correlog correlog;
  private final ManagedChannel inventory;
  private final Server server;
  private final ServerConnector connector;

  Gateway(Correlog correlog, int port, int inventoryPort) throws Exception {
    this.correlog = correlog;
    CorrelogGrpc grpc = CorrelogGrpc.newBuilder(correlog).clientEvents(true).build();
    this.inventory =
        NettyChannelBuilder.forAddress("127.0.0.1", inventoryPort)
            .usePlaintext()
            .intercept(grpc.clientInterceptor())
            .build();

    QueuedThreadPool pool = new QueuedThreadPool(16, 2);
    pool.setName("gateway-http");
    pool.setDaemon(true);
    this.server = new Server(pool);
    this.connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    EnumSet<DispatcherType> dispatches =
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
    CorrelogFilter api =
        CorrelogFilter.newBuilder(correlog).traceResponse(true).slowThreshold(SLOW).build();
    // Health checks get their own logger name, so a sampling rule can keep 1% of them.
    CorrelogFilter health =
        CorrelogFilter.newBuilder(correlog)
            .traceResponse(true)
            .loggerName(Services.HEALTH_LOGGER)
            .build();
    context.addFilter(new FilterHolder(api), "/api/*", dispatches);
    context.addFilter(new FilterHolder(health), "/health", dispatches);
    context.addServlet(new ServletHolder(new OrdersServlet(inventory)), "/api/orders");
    context.addServlet(new ServletHolder(new HealthServlet(correlog)), "/health");
    server.setHandler(context);
    server.start();
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    inventory.shutdown();
    if (!inventory.awaitTermination(5, TimeUnit.SECONDS)) {
      inventory.shutdownNow();
    }
    correlog.flush();
  }
}
