package dev.correlog.demo;

import dev.correlog.trace.Inputs;
import dev.correlog.trace.TextRenderer;
import dev.correlog.trace.Trace;
import dev.correlog.trace.TraceQuery;
import dev.correlog.trace.TraceViewer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The demo: starts the four services (gateway, inventory, a Kafka broker, fulfillment) in this JVM,
 * sends the scripted mix, prints the summary and the trace views of one failed and one successful
 * request. With {@code --serve} the services then stay up for curl until Ctrl-C; with {@code
 * --opensearch} the lines are also shipped to an OpenSearch node started in this JVM and the
 * successful request is shown again, read from it.
 *
 * <pre>
 * java -jar demo/target/correlog-demo.jar [--serve] [--port N] [--requests N] [--out DIR] [--opensearch]
 * </pre>
 */
public final class Main {
  private Main() {}

  /** The command line's settings. */
  record Options(boolean serve, int port, int requests, Path out, boolean opensearch) {
    static Options parse(String... args) {
      boolean serve = false;
      boolean opensearch = false;
      Integer port = null;
      int requests = 200;
      Path out = Path.of("demo-output");
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--serve" -> serve = true;
          case "--opensearch" -> opensearch = true;
          case "--port" -> port = Integer.parseInt(value(args, ++i));
          case "--requests" -> requests = Integer.parseInt(value(args, ++i));
          case "--out" -> out = Path.of(value(args, ++i));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (requests < 5 || requests > 10_000) {
        throw new IllegalArgumentException("--requests must be 5 to 10000");
      }
      return new Options(serve, port != null ? port : serve ? 8080 : 0, requests, out, opensearch);
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a value");
      }
      return args[i];
    }
  }

  /** What a run showed: the two traces printed. */
  record Outcome(Trace failed, Trace succeeded, List<Traffic.Result> results) {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("correlog-demo: " + e.getMessage());
      System.err.println(
          "usage: java -jar correlog-demo.jar [--serve] [--port N] [--requests N] [--out DIR]"
              + " [--opensearch]");
      System.exit(2);
      return;
    }
    Demo demo = start(options, System.out);
    Thread hook = new Thread(demo::close, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Outcome outcome = run(demo, options, System.out);
    if (options.opensearch() && outcome.succeeded() != null) {
      String traceId = outcome.succeeded().traceIds().iterator().next();
      ClusterView.show(demo.files(), traceId, System.out);
    }
    if (options.serve()) {
      serve(demo, System.out);
      new CountDownLatch(1).await(); // until Ctrl-C: the hook closes everything
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    demo.close();
  }

  static Demo start(Options options, PrintStream out) throws Exception {
    out.println(
        "starting gateway (Jetty), inventory (gRPC), a Kafka broker (KRaft) and fulfillment"
            + " on 127.0.0.1 ...");
    long t0 = System.nanoTime();
    Demo demo;
    try {
      demo = Demo.start(options.out(), options.port());
    } catch (IOException e) {
      throw new IOException(
          e.getMessage() + " (port " + options.port() + " busy? try --port 0 for any free port)",
          e);
    }
    out.printf(
        Locale.ROOT,
        "started in %.1f s: gateway %s, inventory 127.0.0.1:%d, Kafka %s; lines in %s/%n%n",
        (System.nanoTime() - t0) / 1e9,
        demo.baseUrl(),
        demo.inventoryPort(),
        demo.bootstrapServers(),
        options.out());
    return demo;
  }

  /** Sends the mix, prints the summary and both trace views. */
  static Outcome run(Demo demo, Options options, PrintStream out) throws Exception {
    long seed = 14;
    long t0 = System.nanoTime();
    List<Traffic.Result> results =
        Traffic.run(demo.baseUrl(), Traffic.mix(options.requests(), seed), seed);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    if (!demo.settle(30_000)) {
      out.println("(fulfillment had not handled every record after 30 s)");
    }
    Summary.print(demo, results, millis, out);

    Inputs files = Inputs.files(demo.files());
    Traffic.Result failed = pick(results, Traffic.Kind.FAILING, false);
    Traffic.Result ok = pick(results, Traffic.Kind.PLAIN, true);
    if (ok == null) {
      ok = pick(results, Traffic.Kind.UPSTREAM, true);
    }
    Trace failedTrace =
        show("a failed request (inventory's warehouse W3 is down)", failed, files, out);
    Trace okTrace = show("a successful request, head-sampled", ok, files, out);
    out.printf(
        "%nSee any other trace: java -cp demo/target/correlog-demo.jar dev.correlog.trace.Main"
            + " --trace <trace id> %s/*.ndjson%n",
        options.out());
    return new Outcome(failedTrace, okTrace, results);
  }

  private static Traffic.Result pick(List<Traffic.Result> results, Traffic.Kind kind, boolean ok) {
    for (Traffic.Result r : results) {
      if (r.kind() == kind
          && r.traceId() != null
          && (r.status() == 200) == ok
          && (!ok || r.sampled())) {
        return r;
      }
    }
    return null;
  }

  private static Trace show(String title, Traffic.Result r, Inputs files, PrintStream out)
      throws IOException {
    out.println();
    out.println("=".repeat(100));
    if (r == null) {
      out.println("No " + title + " in this run.");
      return null;
    }
    out.printf("Trace view of %s: %s%n%n", title, r.traceId());
    Trace trace = TraceViewer.find(TraceQuery.trace(r.traceId()), files);
    TextRenderer.forTerminal().print(trace, out);
    return trace;
  }

  /** Prints where the services listen and what to send them. */
  static void serve(Demo demo, PrintStream out) {
    String base = demo.baseUrl();
    out.println();
    out.println("=".repeat(100));
    out.println("Serving until Ctrl-C. Try:");
    out.println("  curl -i '" + base + "/api/orders?sku=A-1&qty=2'");
    out.println(
        "  curl -i -H 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'"
            + " '"
            + base
            + "/api/orders?sku=B-7'   # kept: the caller sampled it");
    out.println("  curl -i '" + base + "/api/orders?sku=W3-A-1'   # fails inside inventory");
    out.println("  curl -i '" + base + "/api/orders?sku=C-42&delay_ms=700'   # slow: always kept");
    out.println("  curl -i '" + base + "/health'");
    out.println(
        "Each answer's traceresponse header holds its trace id (00-<trace id>-<span id>-<flags>,"
            + " flags 01 = kept). Watch the lines:");
    out.println("  tail -f " + demo.dir() + "/*.ndjson");
    out.println("and see one request across the services:");
    out.println(
        "  java -cp demo/target/correlog-demo.jar dev.correlog.trace.Main --trace <trace id> "
            + demo.dir()
            + "/*.ndjson");
  }
}
