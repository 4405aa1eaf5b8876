package dev.correlog.servlet;

import static dev.correlog.servlet.JettyApp.context;
import static dev.correlog.servlet.JettyApp.servlet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.EventLogger;
import dev.correlog.context.TraceContext;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Synchronous requests, the error path and dispatches, through a real Jetty. */
class SyncRequestTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String CALLER_SPAN = "00f067aa0ba902b7";
  static final String TRACEPARENT = "00-" + TRACE + "-" + CALLER_SPAN + "-01";

  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final AtomicReference<Throwable> seenOutside = new AtomicReference<>();
  final AtomicReference<Throwable> thrown = new AtomicReference<>();
  Lines lines;
  JettyApp app;

  @BeforeEach
  void start() throws Exception {
    lines = new Lines("sync-app");
    app = startApp(CorrelogFilter.create(lines.correlog));
  }

  JettyApp startApp(Filter filter) throws Exception {
    EventLogger log = lines.correlog.logger("app");
    ServletContextHandler ctx = context("/", null);
    // An outer filter, before Correlog's: sees what escapes it.
    ctx.addFilter(
        new FilterHolder(
            (Filter)
                (req, res, chain) -> {
                  try {
                    chain.doFilter(req, res);
                  } catch (Throwable t) {
                    seenOutside.set(t);
                    throw t;
                  }
                }),
        "/*",
        java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
    FilterHolder correlog = new FilterHolder(filter);
    correlog.setAsyncSupported(true);
    ctx.addFilter(
        correlog,
        "/*",
        java.util.EnumSet.of(
            jakarta.servlet.DispatcherType.REQUEST,
            jakarta.servlet.DispatcherType.ASYNC,
            jakarta.servlet.DispatcherType.ERROR));
    servlet(
        ctx,
        "/hello",
        (req, res) -> {
          log.info("handler.called").field("current", TraceContext.current() != null).emit();
          res.setContentType("text/plain");
          res.setContentLength(5);
          res.getWriter().write("hello");
        });
    servlet(
        ctx,
        "/boom",
        (req, res) -> {
          log.info("handler.called").emit();
          ServletException e = new ServletException("boom");
          thrown.set(e);
          throw e;
        });
    servlet(ctx, "/missing", (req, res) -> res.sendError(404, "no such thing"));
    servlet(ctx, "/forward", (req, res) -> req.getRequestDispatcher("/hello").forward(req, res));
    servlet(
        ctx,
        "/error-page",
        (req, res) -> {
          log.info("error.page").emit();
          res.getWriter().write("sorry");
        });
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(404, "/error-page");
    ctx.setErrorHandler(errors);
    return JettyApp.start(ctx);
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
    lines.close();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void continuesTheCallersTraceForEveryLineOfTheRequest() throws Exception {
    HttpResponse<String> res =
        get("/hello?secret=1", "traceparent", TRACEPARENT, "x-request-id", "req-789");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("x-request-id")).hasValue("req-789");
    assertThat(res.headers().firstValue("traceresponse")).isEmpty();
    JsonNode access = lines.access(TRACE);
    JsonNode handler = lines.events("handler.called").get(0);
    for (JsonNode n : new JsonNode[] {access, handler}) {
      assertThat(n.path("trace_id").asText()).isEqualTo(TRACE);
      assertThat(n.path("request_id").asText()).isEqualTo("req-789");
      assertThat(n.path("parent_span_id").asText()).isEqualTo(CALLER_SPAN);
    }
    assertThat(handler.path("span_id").asText())
        .isEqualTo(access.path("span_id").asText())
        .isNotEqualTo(CALLER_SPAN);
    assertThat(handler.path("current").asBoolean()).isTrue();
    assertThat(access.path("level").asText()).isEqualTo("INFO");
    assertThat(access.path("http.method").asText()).isEqualTo("GET");
    assertThat(access.path("http.route").asText()).isEqualTo("/hello");
    assertThat(access.path("url.path").asText()).isEqualTo("/hello");
    assertThat(access.has("url.query")).isFalse();
    assertThat(access.path("http.status_code").asInt()).isEqualTo(200);
    assertThat(access.path("duration_ms").isNumber()).isTrue();
    assertThat(access.path("duration_ms").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(access.path("http.response.size").asLong()).isEqualTo(5);
    assertThat(access.path("client.address").asText()).isEqualTo("127.0.0.1");
    assertThat(access.path("user_agent.original").asText()).startsWith("Java-http-client");
  }

  @Test
  void startsANewTraceWithoutIncomingContextAndAnswersItsRequestId() throws Exception {
    HttpResponse<String> res = get("/hello");

    JsonNode access = lines.onlyAccess();
    String trace = access.path("trace_id").asText();
    assertThat(access.has("parent_span_id")).isFalse();
    assertThat(access.path("request_id").asText()).isEqualTo(trace);
    assertThat(res.headers().firstValue("x-request-id")).hasValue(trace);
  }

  @Test
  void recordsAnExceptionWithTheEventAndRethrowsItUnchanged() throws Exception {
    HttpResponse<String> res = get("/boom", "traceparent", TRACEPARENT);

    assertThat(res.statusCode()).isEqualTo(500);
    JsonNode access = lines.access(TRACE);
    assertThat(access.path("level").asText()).isEqualTo("ERROR");
    assertThat(access.path("http.status_code").asInt()).isEqualTo(500);
    assertThat(access.path("error").path("type").asText())
        .isEqualTo(ServletException.class.getName());
    assertThat(access.path("error").path("message").asText()).isEqualTo("boom");
    assertThat(seenOutside.get()).isSameAs(thrown.get());
    assertThat(lines.events("handler.called").get(0).path("trace_id").asText()).isEqualTo(TRACE);
  }

  @Test
  void clientErrorsAreWarningsAndTheErrorPageRunsInTheRequestsContext() throws Exception {
    HttpResponse<String> res = get("/missing", "traceparent", TRACEPARENT);

    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.body()).isEqualTo("sorry");
    JsonNode access = lines.access(TRACE);
    assertThat(access.path("level").asText()).isEqualTo("WARN");
    assertThat(access.path("http.status_code").asInt()).isEqualTo(404);
    JsonNode page = lines.await(n -> "error.page".equals(n.path("event").asText()), 1).get(0);
    assertThat(page.path("trace_id").asText()).isEqualTo(TRACE);
    assertThat(page.path("span_id").asText()).isEqualTo(access.path("span_id").asText());
  }

  @Test
  void aForwardedRequestStaysInItsContextAndIsWrittenOnce() throws Exception {
    HttpResponse<String> res = get("/forward", "traceparent", TRACEPARENT);

    assertThat(res.body()).isEqualTo("hello");
    JsonNode access = lines.access(TRACE);
    assertThat(access.path("url.path").asText()).isEqualTo("/forward");
    assertThat(access.path("http.route").asText()).isEqualTo("/forward");
    JsonNode handler = lines.events("handler.called").get(0);
    assertThat(handler.path("trace_id").asText()).isEqualTo(TRACE);
    assertThat(handler.path("current").asBoolean()).isTrue();
    Thread.sleep(100);
    assertThat(lines.events(AccessEvent.NAME)).hasSize(1);
  }
}
