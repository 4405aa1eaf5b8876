package dev.correlog.servlet;

import static dev.correlog.servlet.JettyApp.context;
import static dev.correlog.servlet.JettyApp.servlet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.ContextStorage;
import dev.correlog.context.TraceContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

/** A handler that leaks a scope on a pooled thread: the next request there never sees it. */
class StaleScopeTest {
  @Test
  void aScopeLeakedByOneRequestIsClearedBeforeTheNextOnTheSameThread() throws Exception {
    TraceContext leaked = TraceContext.newRoot("leaked");
    List<String> seen = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger onLeakingThread =
        new java.util.concurrent.atomic.AtomicInteger();
    try (Lines lines = new Lines("stale-app")) {
      ServletContextHandler ctx = context("/", CorrelogFilter.create(lines.correlog));
      List<String> leakingThread = new CopyOnWriteArrayList<>();
      servlet(
          ctx,
          "/leak",
          (req, res) -> {
            leaked.attach(); // never closed
            leakingThread.add(Thread.currentThread().getName());
          });
      servlet(
          ctx,
          "/next",
          (req, res) -> {
            TraceContext current = TraceContext.current();
            seen.add(current == null ? "none" : current.requestId());
            if (leakingThread.contains(Thread.currentThread().getName())) {
              onLeakingThread.incrementAndGet();
            }
          });
      long clearedBefore = ContextStorage.staleScopesCleared();
      // A small pool: later requests are served by the thread that leaked.
      try (JettyApp app = JettyApp.start(new QueuedThreadPool(4, 4), ctx)) {
        HttpClient client = HttpClient.newHttpClient();
        List<String> paths = new java.util.ArrayList<>(List.of("/leak"));
        for (int i = 0; i < 20; i++) {
          paths.add("/next");
        }
        for (String path : paths) {
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(app.uri(path)).header("x-request-id", "own").build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).isEqualTo(200);
        }
      }
      assertThat(seen).hasSize(20).containsOnly("own");
      assertThat(onLeakingThread.get()).as("requests served by the leaking thread").isPositive();
      assertThat(ContextStorage.staleScopesCleared()).isGreaterThan(clearedBefore);
    }
  }
}
