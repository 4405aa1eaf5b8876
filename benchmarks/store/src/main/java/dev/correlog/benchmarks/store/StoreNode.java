package dev.correlog.benchmarks.store;

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

/** A single-node OpenSearch 2.19.6 in this JVM, HTTP on 127.0.0.1 (as in the viewer's tests). */
final class StoreNode implements AutoCloseable {
  private static final class PluginNode extends Node {
    PluginNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
      super(
          InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "bench"),
          plugins,
          true);
    }
  }

  private final Node node;
  private final Path home;
  final String url;

  StoreNode() throws Exception {
    home = Files.createTempDirectory("correlog-bench-opensearch-");
    node =
        new PluginNode(
            Settings.builder()
                .put("path.home", home.toString())
                .put("cluster.name", "correlog-bench")
                .put("network.host", "127.0.0.1")
                .put("http.port", "0")
                .put("transport.port", "0")
                .put("discovery.type", "single-node")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build(),
            List.of(Netty4Plugin.class));
    node.start();
    url =
        "http://"
            + node.injector()
                .getInstance(HttpServerTransport.class)
                .boundAddress()
                .publishAddress();
  }

  @Override
  public void close() throws Exception {
    node.close();
    try (var paths = Files.walk(home)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
