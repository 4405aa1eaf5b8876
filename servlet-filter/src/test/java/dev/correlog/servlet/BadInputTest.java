package dev.correlog.servlet;

import static dev.correlog.servlet.JettyApp.context;
import static dev.correlog.servlet.JettyApp.servlet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.EventLogger;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed, duplicated, oversized and non-ASCII trace headers and request ids: each request gets a
 * new valid trace and a valid request id, a 200, and well-formed lines; never an error response.
 * Sizes stay under Jetty's own 8 KiB request-header limit (above it Jetty answers 431 before any
 * filter runs).
 */
class BadInputTest {
  static final String GOOD_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String GOOD = "00-" + GOOD_TRACE + "-00f067aa0ba902b7-01";
  static final String OTHER = "00-11111111111111111111111111111111-2222222222222222-01";

  static Lines lines;
  static JettyApp app;

  @BeforeAll
  static void start() throws Exception {
    lines = new Lines("bad-input-app");
    EventLogger log = lines.correlog.logger("app");
    ServletContextHandler ctx =
        servlet(
            context("/", CorrelogFilter.create(lines.correlog)),
            "/",
            (req, res) -> {
              log.info("handler.called").emit();
              res.getWriter().write("ok");
            });
    app = JettyApp.start(ctx);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    lines.close();
  }

  static Stream<Arguments> badInput() {
    String big = "00-" + GOOD_TRACE + "-00f067aa0ba902b7-01" + "x".repeat(6000);
    return Stream.of(
        Arguments.of("empty", List.of("traceparent: ")),
        Arguments.of("garbage", List.of("traceparent: not-a-trace-context")),
        Arguments.of(
            "all-zero trace id",
            List.of("traceparent: 00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")),
        Arguments.of(
            "all-zero span id",
            List.of("traceparent: 00-" + GOOD_TRACE + "-" + "0".repeat(16) + "-01")),
        Arguments.of(
            "uppercase hex",
            List.of("traceparent: 00-" + GOOD_TRACE.toUpperCase() + "-00f067aa0ba902b7-01")),
        Arguments.of(
            "version ff", List.of("traceparent: ff-" + GOOD_TRACE + "-00f067aa0ba902b7-01")),
        Arguments.of("short trace id", List.of("traceparent: 00-4bf92f35-00f067aa0ba902b7-01")),
        Arguments.of("oversized traceparent", List.of("traceparent: " + big)),
        Arguments.of(
            "oversized tracestate too",
            List.of("traceparent: " + big, "tracestate: " + "a=b,".repeat(300))),
        Arguments.of(
            "duplicated traceparent", List.of("traceparent: " + GOOD, "traceparent: " + OTHER)),
        Arguments.of(
            "non-ASCII traceparent",
            List.of("traceparent: 00-4bf92f3577b34da6a3ce929d0e0e47é6-00f067aa0ba902b7-01")),
        Arguments.of(
            "non-ASCII tail", List.of("traceparent: 00-" + GOOD_TRACE + "-00f067aa0ba902b7-0１")),
        Arguments.of(
            "b3 garbage", List.of("b3: zzzz-yyyy-1", "X-B3-TraceId: 12345", "X-B3-SpanId: é")),
        Arguments.of("bad request id", List.of("x-request-id: has spaces and ; semicolons")),
        Arguments.of("oversized request id", List.of("x-request-id: " + "r".repeat(5000))),
        Arguments.of("non-ASCII request id", List.of("x-request-id: réquest-☃")),
        Arguments.of("duplicated request id", List.of("x-request-id: one", "x-request-id: two")),
        Arguments.of(
            "all at once",
            List.of(
                "traceparent: " + big,
                "traceparent: é",
                "x-request-id: ☃",
                "x-request-id: \t",
                "b3: 0-0-0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void yieldsANewValidTraceNeverAnError(String name, List<String> headers) throws Exception {
    lines.sink.clear();
    RawHttp res = RawHttp.get(app.port(), "/", headers);

    assertThat(res.status).isEqualTo(200);
    List<String> requestId = res.header("x-request-id");
    assertThat(requestId).hasSize(1);
    assertThat(requestId.get(0)).matches(Lines.REQUEST_ID);
    JsonNode access = lines.onlyAccess();
    String trace = access.path("trace_id").asText();
    assertThat(trace).matches(Lines.TRACE_ID).isNotEqualTo("0".repeat(32));
    assertThat(trace).isNotEqualTo(GOOD_TRACE).isNotEqualTo(OTHER.substring(3, 35));
    assertThat(access.has("parent_span_id")).isFalse();
    assertThat(access.path("http.status_code").asInt()).isEqualTo(200);
    assertThat(access.path("request_id").asText()).isEqualTo(requestId.get(0)).isEqualTo(trace);
    JsonNode handler = lines.events("handler.called").get(0);
    assertThat(handler.path("trace_id").asText()).isEqualTo(trace);
  }
}
