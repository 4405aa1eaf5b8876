package dev.correlog.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The scripted mix of requests sent to the gateway, 4 at a time: the same mix, in the same order,
 * on every run (a fixed seed); the trace ids of requests without a {@code traceparent} are random.
 */
final class Traffic {
  /** What a request is meant to show. */
  enum Kind {
    /** An order: new trace, head-sampled at 10%. */
    PLAIN,
    /** An order arriving with a {@code traceparent} and {@code x-request-id} from a proxy. */
    UPSTREAM,
    /** An order that fails inside inventory (warehouse W3). */
    FAILING,
    /** An order whose warehouse takes 700 ms: over the gateway's slow threshold. */
    SLOW,
    /** {@code GET /health}, kept at 1%. */
    HEALTH
  }

  /** One request sent and what came back. */
  record Result(Kind kind, int status, String traceId, boolean sampled, String requestId) {}

  private static final String[] SKUS = {"A-1", "B-7", "C-42", "D-3", "E-19"};

  private Traffic() {}

  /**
   * The mix for {@code total} requests, in the proportions of the 200-request default: 110 plain,
   * 30 from a proxy, 20 failing, 10 slow, 30 health checks (at least one of each).
   */
  static List<Kind> mix(int total, long seed) {
    List<Kind> kinds = new ArrayList<>();
    add(kinds, Kind.UPSTREAM, total * 30 / 200);
    add(kinds, Kind.FAILING, total * 20 / 200);
    add(kinds, Kind.SLOW, total * 10 / 200);
    add(kinds, Kind.HEALTH, total * 30 / 200);
    add(kinds, Kind.PLAIN, total - kinds.size());
    Collections.shuffle(kinds, new Random(seed));
    return kinds;
  }

  private static void add(List<Kind> kinds, Kind kind, int n) {
    for (int i = 0; i < Math.max(1, n); i++) {
      kinds.add(kind);
    }
  }

  /** Sends the requests, 4 in flight, and returns the results in the order of {@code kinds}. */
  static List<Result> run(String base, List<Kind> kinds, long seed) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4, Threads.named("client"));
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build(); // its own executor: the pool's 4 threads block in send()
    Random random = new Random(seed);
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        HttpRequest request = request(base, kinds.get(i), i, random);
        Kind kind = kinds.get(i);
        futures.add(pool.submit(() -> send(http, request, kind)));
      }
      List<Result> results = new ArrayList<>();
      for (Future<Result> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static HttpRequest request(String base, Kind kind, int n, Random random) {
    String sku = SKUS[n % SKUS.length];
    String path =
        switch (kind) {
          case HEALTH -> "/health";
          case FAILING -> "/api/orders?sku=W3-" + sku + "&qty=1";
          case SLOW -> "/api/orders?sku=" + sku + "&qty=2&delay_ms=700";
          default -> "/api/orders?sku=" + sku + "&qty=" + (1 + n % 3);
        };
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (kind == Kind.UPSTREAM) {
      // Two in three arrive sampled by the proxy: the gateway honours the proxy's decision.
      String flags = n % 3 == 2 ? "00" : "01";
      b.header("traceparent", "00-" + hex(random, 32) + "-" + hex(random, 16) + "-" + flags)
          .header("x-request-id", String.format(Locale.ROOT, "proxy-%04d", n));
    }
    return kind == Kind.HEALTH
        ? b.GET().build()
        : b.POST(HttpRequest.BodyPublishers.noBody()).build();
  }

  private static Result send(HttpClient http, HttpRequest request, Kind kind) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    // traceresponse: 00-<trace id>-<span id>-<flags>
    String tr = response.headers().firstValue("traceresponse").orElse("");
    String[] parts = tr.split("-");
    String traceId = parts.length == 4 ? parts[1] : null;
    boolean sampled =
        parts.length == 4
            && parts[3].length() == 2
            && (Character.digit(parts[3].charAt(1), 16) & 1) == 1;
    return new Result(
        kind,
        response.statusCode(),
        traceId,
        sampled,
        response.headers().firstValue("x-request-id").orElse(null));
  }

  private static String hex(Random random, int chars) {
    StringBuilder sb = new StringBuilder(chars);
    while (sb.length() < chars) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }
}
