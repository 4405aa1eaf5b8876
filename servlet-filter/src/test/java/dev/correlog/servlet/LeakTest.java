package dev.correlog.servlet;

import static dev.correlog.servlet.JettyApp.context;
import static dev.correlog.servlet.JettyApp.servlet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.EventLogger;
import dev.correlog.context.TraceContext;
import jakarta.servlet.AsyncContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 concurrent requests with random incoming {@code traceparent}s, half synchronous, half
 * asynchronous, on a pool of 8 threads: every line of every request carries that request's own
 * trace id, and afterwards no pool thread has a context left.
 */
class LeakTest {
  static final int REQUESTS = 1000;

  @Test
  @Timeout(60)
  void everyLineCarriesItsOwnRequestsTraceId() throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(8, 8);
    try (Lines lines = new Lines("leak-app");
        JettyApp app = JettyApp.start(pool, filtered(lines), unfiltered())) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      Map<Integer, String> traceOf = new HashMap<>();
      List<CompletableFuture<Integer>> calls = new ArrayList<>();
      Semaphore inFlight = new Semaphore(200);
      for (int i = 0; i < REQUESTS; i++) {
        String trace = hex(32);
        traceOf.put(i, trace);
        inFlight.acquire();
        HttpRequest req =
            HttpRequest.newBuilder(app.uri((i % 2 == 0 ? "/app/sync/" : "/app/async/") + i))
                .header("traceparent", "00-" + trace + "-" + hex(16) + "-01")
                .build();
        calls.add(
            client
                .sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> inFlight.release())
                .thenApply(HttpResponse::statusCode));
      }
      for (CompletableFuture<Integer> c : calls) {
        assertThat(c.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      }
      List<JsonNode> all =
          lines.await(n -> AccessEvent.NAME.equals(n.path("event").asText()), REQUESTS);
      all = lines.all();
      assertThat(all).hasSize(REQUESTS * 3);
      Map<Integer, Integer> seen = new HashMap<>();
      for (JsonNode n : all) {
        int i;
        if (n.has("req_no")) {
          i = n.path("req_no").asInt();
        } else {
          String path = n.path("url.path").asText();
          i = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        }
        assertThat(n.path("trace_id").asText()).as("line %s", n).isEqualTo(traceOf.get(i));
        seen.merge(i, 1, Integer::sum);
      }
      assertThat(seen).hasSize(REQUESTS).allSatisfy((i, count) -> assertThat(count).isEqualTo(3));

      // Every pool thread, asked without the filter, has nothing current.
      for (int k = 0; k < 64; k++) {
        HttpResponse<String> probe =
            client.send(
                HttpRequest.newBuilder(app.uri("/plain/probe")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(probe.body()).isEqualTo("none");
      }
    }
  }

  private static ServletContextHandler filtered(Lines lines) {
    EventLogger log = lines.correlog.logger("app");
    ServletContextHandler ctx = context("/app", CorrelogFilter.create(lines.correlog));
    servlet(
        ctx,
        "/sync/*",
        (req, res) -> {
          int i = number(req.getPathInfo());
          log.info("work.step").field("req_no", i).emit();
          Thread.yield();
          log.info("work.step").field("req_no", i).emit();
        });
    servlet(
        ctx,
        "/async/*",
        (req, res) -> {
          int i = number(req.getPathInfo());
          log.info("work.step").field("req_no", i).emit();
          AsyncContext async = req.startAsync();
          AsyncTasks.start(
              async,
              () -> {
                log.info("work.step").field("req_no", i).emit();
                async.complete();
              });
        });
    return ctx;
  }

  private static ServletContextHandler unfiltered() {
    return servlet(
        context("/plain", null),
        "/probe",
        (req, res) -> res.getWriter().write(TraceContext.current() == null ? "none" : "leaked"));
  }

  private static int number(String pathInfo) {
    return Integer.parseInt(pathInfo.substring(1));
  }

  private static String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.charAt(0) == '0' ? "1" + sb.substring(1) : sb.toString();
  }
}
