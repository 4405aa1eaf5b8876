package dev.correlog.benchmarks.servlet;

import dev.correlog.Correlog;
import dev.correlog.servlet.CorrelogFilter;
import dev.correlog.sink.Sinks;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second through a real Jetty 12 (ee10) on 127.0.0.1, with and without {@link
 * CorrelogFilter}, in the same server and the same run: two contexts serving the same 2-byte
 * servlet, one behind the filter (access event encoded into a discarding sink, every request
 * sampled). Two client threads share one {@link HttpClient} (HTTP/1.1, keep-alive). The client runs
 * in the same JVM, so both sides share the machine's cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JettyThroughputBenchmark {
  private Correlog correlog;
  private Server server;
  private HttpClient client;
  private HttpRequest plain;
  private HttpRequest filtered;

  @Setup(Level.Trial)
  public void start() throws Exception {
    // Logback is on this class path (for the peers) and logs everything at DEBUG unconfigured.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    correlog = Correlog.builder().service("bench").version("1").sink(Sinks.discarding()).build();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler withFilter = context("/filtered");
    withFilter.addFilter(
        new FilterHolder(CorrelogFilter.create(correlog)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    server.setHandler(new ContextHandlerCollection(context("/plain"), withFilter));
    server.start();
    String base = "http://127.0.0.1:" + connector.getLocalPort();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    plain = HttpRequest.newBuilder(URI.create(base + "/plain/hello")).build();
    filtered =
        HttpRequest.newBuilder(URI.create(base + "/filtered/hello"))
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .build();
  }

  private static ServletContextHandler context(String path) {
    ServletContextHandler ctx = new ServletContextHandler(path);
    ctx.addServlet(new ServletHolder(new Hello()), "/hello");
    return ctx;
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    server.stop();
    correlog.close();
  }

  @Benchmark
  public int withoutFilter() throws Exception {
    return send(plain);
  }

  @Benchmark
  public int withFilter() throws Exception {
    return send(filtered);
  }

  private int send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<Void> res = client.send(request, HttpResponse.BodyHandlers.discarding());
    if (res.statusCode() != 200) {
      throw new IllegalStateException("status " + res.statusCode());
    }
    return res.statusCode();
  }

  /** The smallest useful servlet: two bytes of text. */
  static final class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.setContentType("text/plain");
      res.setContentLength(2);
      res.getOutputStream().write('o');
      res.getOutputStream().write('k');
    }
  }
}
