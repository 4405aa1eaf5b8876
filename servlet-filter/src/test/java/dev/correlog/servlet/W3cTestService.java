package dev.correlog.servlet;

import static dev.correlog.servlet.JettyApp.context;
import static dev.correlog.servlet.JettyApp.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.Correlog;
import dev.correlog.propagation.HttpRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * The test service of the W3C Trace Context test suite, built on the filter and the outgoing
 * one-liner only: {@code POST /test} with a JSON list of {@code {"url": .., "arguments": ..}}; for
 * each, the service POSTs {@code arguments} to {@code url} with the current context propagated.
 */
final class W3cTestService {
  private W3cTestService() {}

  static ServletContextHandler create(Correlog correlog) {
    HttpClient out =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return servlet(
        context("/", CorrelogFilter.create(correlog)),
        "/test",
        (req, res) -> {
          JsonNode actions = Lines.JSON.readTree(req.getInputStream());
          if (actions != null && actions.isArray()) {
            for (JsonNode action : actions) {
              HttpRequest call =
                  HttpRequests.withCurrentContext(
                          HttpRequest.newBuilder(URI.create(action.path("url").asText()))
                              .timeout(Duration.ofSeconds(5))
                              .header("Content-Type", "application/json")
                              .POST(
                                  HttpRequest.BodyPublishers.ofString(
                                      Lines.JSON.writeValueAsString(action.path("arguments")))))
                      .build();
              out.send(call, HttpResponse.BodyHandlers.discarding());
            }
          }
          res.setContentType("application/json");
          res.getWriter().write("{}");
        });
  }
}
