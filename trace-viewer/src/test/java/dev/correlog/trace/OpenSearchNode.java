package dev.correlog.trace;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A real single-node OpenSearch 2.19 cluster in the test JVM, HTTP on 127.0.0.1 (no test framework,
 * no Docker), plus the few raw REST calls the tests check with.
 */
final class OpenSearchNode implements AutoCloseable {
  private static final class PluginNode extends Node {
    PluginNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
      super(
          InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "correlog"),
          plugins,
          true);
    }
  }

  private final Node node;
  private final Path home;
  final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  OpenSearchNode() throws Exception {
    home = Files.createTempDirectory("correlog-opensearch-");
    Settings settings =
        Settings.builder()
            .put("path.home", home.toString())
            .put("cluster.name", "correlog-test")
            .put("node.name", "correlog")
            .put("network.host", "127.0.0.1")
            .put("http.port", "0")
            .put("transport.port", "0")
            .put("discovery.type", "single-node")
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
    node = new PluginNode(settings, List.of(Netty4Plugin.class));
    node.start();
    HttpServerTransport transport = node.injector().getInstance(HttpServerTransport.class);
    url = "http://" + transport.boundAddress().publishAddress().toString();
    // wait until the cluster answers yellow or better
    String health = call("GET", "/_cluster/health?wait_for_status=yellow&timeout=30s", null);
    if (!health.contains("\"status\"")) {
      throw new IllegalStateException("cluster not ready: " + health);
    }
  }

  String call(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The number of documents matching {@code query} (a JSON query object) in {@code index}. */
  long count(String index, String query) throws IOException, InterruptedException {
    call("POST", "/" + index + "/_refresh", null);
    String body =
        call("POST", "/" + index + "/_count", query == null ? null : "{\"query\":" + query + "}");
    Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no count in " + body);
    }
    return Long.parseLong(m.group(1));
  }

  @Override
  public void close() throws IOException {
    node.close();
    try (var files = Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
