package dev.correlog.demo;

import dev.correlog.trace.Inputs;
import dev.correlog.trace.ShipReport;
import dev.correlog.trace.Shipper;
import dev.correlog.trace.TextRenderer;
import dev.correlog.trace.Trace;
import dev.correlog.trace.TraceQuery;
import dev.correlog.trace.TraceViewer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * {@code --opensearch}: a single-node OpenSearch started in this JVM on 127.0.0.1, the generated
 * index template installed, the demo's files shipped, and a trace view read back from the cluster
 * by {@code trace_id}.
 */
final class ClusterView {
  private static final class PluginNode extends Node {
    PluginNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
      super(
          InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "demo"),
          plugins,
          true);
    }
  }

  private ClusterView() {}

  /** Ships {@code files} to a fresh node and prints {@code traceId}'s view from it. */
  static Trace show(List<Path> files, String traceId, PrintStream out) throws Exception {
    out.println();
    out.println("=".repeat(100));
    out.println("Starting OpenSearch 2.19 in this JVM (single node, 127.0.0.1) ...");
    Path home = Files.createTempDirectory("correlog-demo-opensearch-");
    Node node =
        new PluginNode(
            Settings.builder()
                .put("path.home", home.toString())
                .put("cluster.name", "correlog-demo")
                .put("network.host", "127.0.0.1")
                .put("http.port", "0")
                .put("transport.port", "0")
                .put("discovery.type", "single-node")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build(),
            List.of(Netty4Plugin.class));
    try {
      node.start();
      String url =
          "http://"
              + node.injector()
                  .getInstance(HttpServerTransport.class)
                  .boundAddress()
                  .publishAddress();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          dev.correlog.trace.Main.run(
              new String[] {"template", "--opensearch", url},
              System.in,
              out,
              new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
              Map.of(),
              false);
      if (status != 0) {
        throw new IllegalStateException("template not installed: " + err);
      }
      ShipReport report = Shipper.to(url).ship(Inputs.files(files));
      report.print(out);
      out.printf("%nTrace view of %s read from OpenSearch (%s, correlog-*):%n%n", traceId, url);
      Trace trace =
          TraceViewer.find(TraceQuery.trace(traceId), Inputs.opensearch(url, "correlog-*"));
      TextRenderer.forTerminal().print(trace, out);
      return trace;
    } finally {
      node.close();
      try (var paths = Files.walk(home)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
