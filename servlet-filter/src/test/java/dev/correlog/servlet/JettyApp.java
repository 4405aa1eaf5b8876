package dev.correlog.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** A real Jetty 12 (ee10) server on 127.0.0.1 and a random port. */
final class JettyApp implements AutoCloseable {
  private final Server server;
  private final int port;

  private JettyApp(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  static JettyApp start(ServletContextHandler... contexts) throws Exception {
    return start(new QueuedThreadPool(32, 4), contexts);
  }

  static JettyApp start(QueuedThreadPool pool, ServletContextHandler... contexts) throws Exception {
    Server server = new Server(pool);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new ContextHandlerCollection(contexts));
    server.start();
    return new JettyApp(server, connector.getLocalPort());
  }

  /** A context at {@code path} with {@code filter} (may be null) on REQUEST, ASYNC and ERROR. */
  static ServletContextHandler context(String path, Filter filter) {
    ServletContextHandler ctx = new ServletContextHandler(path);
    if (filter != null) {
      FilterHolder holder = new FilterHolder(filter);
      holder.setAsyncSupported(true);
      ctx.addFilter(
          holder,
          "/*",
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
    }
    return ctx;
  }

  /** Adds a servlet, async supported, at {@code pattern}. */
  static ServletContextHandler servlet(
      ServletContextHandler ctx, String pattern, HttpServlet servlet) {
    ServletHolder h = new ServletHolder(servlet);
    h.setAsyncSupported(true);
    ctx.addServlet(h, pattern);
    return ctx;
  }

  static ServletContextHandler servlet(ServletContextHandler ctx, String pattern, Body body) {
    return servlet(ctx, pattern, of(body));
  }

  /** A servlet from a lambda. */
  static HttpServlet of(Body body) {
    return new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse res)
          throws jakarta.servlet.ServletException, java.io.IOException {
        try {
          body.serve(req, res);
        } catch (jakarta.servlet.ServletException | java.io.IOException | RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new jakarta.servlet.ServletException(e);
        }
      }
    };
  }

  /** What a test servlet does. */
  @FunctionalInterface
  interface Body {
    void serve(HttpServletRequest req, HttpServletResponse res) throws Exception;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  int port() {
    return port;
  }

  Server server() {
    return server;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping Jetty", e);
    }
  }
}
