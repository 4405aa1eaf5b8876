package dev.correlog.servlet;

import static dev.correlog.servlet.JettyApp.context;
import static dev.correlog.servlet.JettyApp.servlet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.EventLogger;
import dev.correlog.propagation.HttpRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/**
 * Two web applications on two Jetty servers, each with its own Correlog: A serves a request and
 * calls B with the outgoing one-liner. B's lines carry A's trace id and request id, and B's span is
 * the child of the client span A made for that call.
 */
class TwoApplicationsTest {
  static final String TRACE = "5b8efff798038103d269b633813fc60c";
  static final String TRACEPARENT = "00-" + TRACE + "-eee19b7ec3c1b174-01";

  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void bContinuesAsTraceAndRequestIdUnderAsClientSpan() throws Exception {
    try (Lines linesA = new Lines("app-a");
        Lines linesB = new Lines("app-b");
        JettyApp b = JettyApp.start(appB(linesB));
        JettyApp a = JettyApp.start(appA(linesA, b.uri("/b")))) {
      HttpResponse<String> res =
          client.send(
              HttpRequest.newBuilder(a.uri("/a"))
                  .header("traceparent", TRACEPARENT)
                  .header("x-request-id", "checkout-42")
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).isEqualTo("b said: from b");
      JsonNode accessA = linesA.access(TRACE);
      JsonNode accessB = linesB.access(TRACE);
      JsonNode call = linesA.events("client.call").get(0);
      String clientSpan = call.path("client_span_id").asText();

      List<JsonNode> bLines = linesB.all();
      assertThat(bLines).hasSize(2);
      for (JsonNode n : bLines) {
        assertThat(n.path("service").asText()).isEqualTo("app-b");
        assertThat(n.path("trace_id").asText()).isEqualTo(TRACE);
        assertThat(n.path("request_id").asText()).isEqualTo("checkout-42");
        assertThat(n.path("span_id").asText()).isEqualTo(accessB.path("span_id").asText());
      }
      assertThat(accessB.path("parent_span_id").asText()).isEqualTo(clientSpan);
      assertThat(clientSpan)
          .isNotEqualTo(accessA.path("span_id").asText())
          .isNotEqualTo(accessB.path("span_id").asText());
      assertThat(call.path("span_id").asText()).isEqualTo(accessA.path("span_id").asText());
      assertThat(accessA.path("request_id").asText()).isEqualTo("checkout-42");
      assertThat(accessA.path("parent_span_id").asText()).isEqualTo("eee19b7ec3c1b174");
    }
  }

  private ServletContextHandler appA(Lines lines, URI b) {
    EventLogger log = lines.correlog.logger("app.a");
    HttpClient out = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return servlet(
        context("/", CorrelogFilter.create(lines.correlog)),
        "/a",
        (req, res) -> {
          HttpRequest call = HttpRequests.withCurrentContext(HttpRequest.newBuilder(b)).build();
          String sent = call.headers().firstValue("traceparent").orElseThrow();
          log.info("client.call").field("client_span_id", sent.substring(36, 52)).emit();
          String body = out.send(call, HttpResponse.BodyHandlers.ofString()).body();
          res.getWriter().write("b said: " + body);
        });
  }

  private ServletContextHandler appB(Lines lines) {
    EventLogger log = lines.correlog.logger("app.b");
    return servlet(
        context("/", CorrelogFilter.create(lines.correlog)),
        "/b",
        (req, res) -> {
          log.info("b.work").emit();
          res.getWriter().write("from b");
        });
  }
}
