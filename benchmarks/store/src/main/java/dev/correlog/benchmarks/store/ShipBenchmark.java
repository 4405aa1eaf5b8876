package dev.correlog.benchmarks.store;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sink.FileSink;
import dev.correlog.sink.Sinks;
import dev.correlog.trace.Inputs;
import dev.correlog.trace.Main;
import dev.correlog.trace.ShipReport;
import dev.correlog.trace.Shipper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code correlog-trace ship} into an OpenSearch 2.19.6 node running in the benchmark's JVM (so the
 * node's indexing shares the CPU with the shipper): {@code lines} Correlog lines from four services
 * (written by the real core), shipped in batches of 1000 into fresh indices each time. One
 * operation is one whole ship; lines per second = {@code lines} / the time per operation.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class ShipBenchmark {
  @Param({"20000"})
  public int lines;

  private StoreNode node;
  private Path dir;
  private List<Path> files;
  private int run;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    node = new StoreNode();
    dir = Files.createTempDirectory("correlog-ship-bench-");
    files = write(dir, lines);
    int status =
        Main.run(
            new String[] {"template", "--opensearch", node.url, "--index-pattern", "bench-*"},
            System.in,
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()),
            Map.of(),
            false);
    if (status != 0) {
      throw new IllegalStateException("template not installed");
    }
  }

  @Benchmark
  public ShipReport ship() throws Exception {
    ShipReport r =
        Shipper.to(node.url).indexPrefix("bench-" + run++ + "-").ship(Inputs.files(files));
    if (r.created() != lines) {
      throw new IllegalStateException("created " + r.created() + " of " + lines);
    }
    return r;
  }

  @TearDown(Level.Iteration)
  public void dropIndices() throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(node.url + "/bench-*")).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    node.close();
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** {@code count} lines, five per request, over four services' files. */
  static List<Path> write(Path dir, int count) throws Exception {
    String[] services = {"gateway", "inventory", "pricing", "fulfillment"};
    List<Correlog> correlogs = new ArrayList<>();
    List<EventLogger> loggers = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String s : services) {
      Path f = dir.resolve(s + ".ndjson");
      FileSink sink = Sinks.file(f);
      Correlog c =
          Correlog.builder().service(s).version("1.0").environment("bench").sink(sink).build();
      correlogs.add(c);
      loggers.add(c.logger("dev.correlog.bench." + s));
      files.add(f);
    }
    for (int i = 0; i < count; i++) {
      TraceContext ctx = TraceContext.newRoot("req-" + (i / 5));
      try (Scope s = ctx.newChild().attach()) {
        loggers
            .get(i % 4)
            .info("order.step")
            .field("step", i % 5)
            .field("user_id", 1000 + i)
            .field("amount", i * 0.5)
            .field("sku", "A-" + (i % 100))
            .field("duration_ms", 1.5)
            .message("step " + (i % 5) + " of an order")
            .emit();
      }
    }
    correlogs.forEach(Correlog::close);
    return files;
  }
}
