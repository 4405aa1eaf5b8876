package dev.correlog.servlet;

import static dev.correlog.servlet.JettyApp.context;
import static dev.correlog.servlet.JettyApp.servlet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.Correlog;
import dev.correlog.Level;
import dev.correlog.context.TraceContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter's settings, in code and as web.xml init-params, on a real Jetty. */
class FilterOptionsTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  Lines lines;
  JettyApp app;

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (lines != null) {
      lines.close();
    }
    Correlog.uninstall();
  }

  void startWith(Filter filter) throws Exception {
    startWith(new FilterHolder(filter));
  }

  void startWith(FilterHolder holder) throws Exception {
    ServletContextHandler ctx = context("/", null);
    holder.setAsyncSupported(true);
    ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    servlet(
        ctx,
        "/r/*",
        (req, res) -> {
          if (req.getParameter("sleep") != null) {
            Thread.sleep(Long.parseLong(req.getParameter("sleep")));
          }
          res.setStatus(
              Integer.parseInt(
                  req.getParameter("status") == null ? "200" : req.getParameter("status")));
          res.getWriter().write(TraceContext.current() == null ? "none" : "current");
        });
    app = JettyApp.start(ctx);
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUntrustedEdgeStartsANewTraceAndRecordsTheIncomingOne() throws Exception {
    lines = new Lines("edge");
    startWith(CorrelogFilter.newBuilder(lines.correlog).untrustedEdge(true).build());

    HttpResponse<String> res = get("/r/x", "traceparent", TRACEPARENT, "x-request-id", "lb-1");

    JsonNode access = lines.onlyAccess();
    assertThat(access.path("trace_id").asText()).isNotEqualTo(TRACE);
    assertThat(access.has("parent_span_id")).isFalse();
    assertThat(access.path("http.request.traceparent").asText()).isEqualTo(TRACEPARENT);
    assertThat(access.path("request_id").asText()).isEqualTo("lb-1");
    assertThat(res.headers().firstValue("x-request-id")).hasValue("lb-1");
  }

  @Test
  void traceResponseNamesThisHopsSpan() throws Exception {
    lines = new Lines("traceresponse");
    startWith(CorrelogFilter.newBuilder(lines.correlog).traceResponse(true).build());

    HttpResponse<String> res = get("/r/x", "traceparent", TRACEPARENT);

    JsonNode access = lines.access(TRACE);
    assertThat(res.headers().firstValue("traceresponse"))
        .hasValue("00-" + TRACE + "-" + access.path("span_id").asText() + "-01");
  }

  @Test
  void sensitiveHeadersAndQueryParametersAreRedactedNotDropped() throws Exception {
    lines = new Lines("redaction");
    startWith(
        CorrelogFilter.newBuilder(lines.correlog)
            .includeQuery(true)
            .redactQueryParameters("token")
            .captureHeaders("Authorization", "Cookie", "X-Tenant", "X-Secret")
            .redactHeaders("X-Secret")
            .build());

    get(
        "/r/x?a=1&token=s3cr3t&b=2",
        "Authorization",
        "Bearer tok3n-abc",
        "Cookie",
        "session=sess-xyz",
        "X-Tenant",
        "acme",
        "X-Secret",
        "hush");

    JsonNode access = lines.onlyAccess();
    assertThat(access.path("url.query").asText()).isEqualTo("a=1&token=[REDACTED]&b=2");
    assertThat(access.path("http.request.header.authorization").asText()).isEqualTo("[REDACTED]");
    assertThat(access.path("http.request.header.cookie").asText()).isEqualTo("[REDACTED]");
    assertThat(access.path("http.request.header.x_secret").asText()).isEqualTo("[REDACTED]");
    assertThat(access.path("http.request.header.x_tenant").asText()).isEqualTo("acme");
    // Secrets that cannot occur in a random hex id (an id may well contain "abc").
    assertThat(lines.sink.lines().toString())
        .doesNotContain("s3cr3t", "tok3n-abc", "sess-xyz", "hush");
  }

  @Test
  void forwardedForIsBelievedOnlyFromTrustedProxies() throws Exception {
    lines = new Lines("proxies");
    startWith(CorrelogFilter.newBuilder(lines.correlog).trustedProxies("127.0.0.1").build());

    get("/r/x", "X-Forwarded-For", "203.0.113.7, 127.0.0.1");
    assertThat(lines.onlyAccess().path("client.address").asText()).isEqualTo("203.0.113.7");
    lines.sink.clear();
    get("/r/x", "X-Forwarded-For", "<script>, 198.51.100.1");
    assertThat(lines.onlyAccess().path("client.address").asText()).isEqualTo("198.51.100.1");
  }

  @Test
  void forwardedForIsIgnoredWithoutTrustedProxies() throws Exception {
    lines = new Lines("no-proxies");
    startWith(CorrelogFilter.create(lines.correlog));

    get("/r/x", "X-Forwarded-For", "203.0.113.7");
    assertThat(lines.onlyAccess().path("client.address").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void slowRequestsAreKeptWhateverTheSampling() throws Exception {
    lines = new Lines(Correlog.builder().service("slow").headRatio(0.0));
    startWith(
        CorrelogFilter.newBuilder(lines.correlog).slowThreshold(Duration.ofMillis(100)).build());

    get("/r/fast");
    get("/r/slow?sleep=150");

    JsonNode access = lines.onlyAccess();
    assertThat(access.path("url.path").asText()).isEqualTo("/r/slow");
    assertThat(access.path("http.slow").asBoolean()).isTrue();
    assertThat(access.path("duration_ms").asDouble()).isGreaterThanOrEqualTo(150.0);
  }

  @Test
  void levelsByOutcomeAreConfigurable() throws Exception {
    lines = new Lines("levels");
    startWith(
        CorrelogFilter.newBuilder(lines.correlog)
            .levels(Level.DEBUG, Level.INFO, Level.WARN)
            .build());

    get("/r/x?status=200");
    get("/r/x?status=404");
    get("/r/x?status=503");

    assertThat(
            lines
                .await(n -> n.path("level").asText().equals("INFO"), 1)
                .get(0)
                .path("http.status_code")
                .asInt())
        .isEqualTo(404);
    assertThat(
            lines
                .await(n -> n.path("level").asText().equals("WARN"), 1)
                .get(0)
                .path("http.status_code")
                .asInt())
        .isEqualTo(503);
    assertThat(lines.all()).hasSize(2); // DEBUG is below the logger's level
  }

  @Test
  void aDeclaredFilterReadsItsInitParamsAndTheGlobalInstance() throws Exception {
    lines = new Lines("declared");
    Correlog.install(lines.correlog);
    FilterHolder holder = new FilterHolder(CorrelogFilter.class);
    holder.setInitParameter("trace-response", "true");
    holder.setInitParameter("include-query", "true");
    holder.setInitParameter("redact-query-parameters", "token, key");
    holder.setInitParameter("level-success", "warn");
    startWith(holder);

    HttpResponse<String> res = get("/r/x?key=k&token=t", "traceparent", TRACEPARENT);

    assertThat(res.body()).isEqualTo("current");
    assertThat(res.headers().firstValue("traceresponse")).isPresent();
    JsonNode access = lines.access(TRACE);
    assertThat(access.path("level").asText()).isEqualTo("WARN");
    assertThat(access.path("url.query").asText()).isEqualTo("key=[REDACTED]&token=[REDACTED]");
  }

  @Test
  void theContextParamTurnsTheFilterIntoAPassThrough() throws Exception {
    lines = new Lines("disabled");
    Correlog.install(lines.correlog);
    ServletContextHandler ctx = context("/", null);
    ctx.setInitParameter("dev.correlog.servlet.enabled", "false");
    ctx.addFilter(CorrelogFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST));
    servlet(
        ctx,
        "/r/*",
        (req, res) -> res.getWriter().write(TraceContext.current() == null ? "none" : "current"));
    app = JettyApp.start(ctx);

    HttpResponse<String> res = get("/r/x");

    assertThat(res.body()).isEqualTo("none");
    assertThat(res.headers().firstValue("x-request-id")).isEmpty();
    Thread.sleep(100);
    assertThat(lines.all()).isEmpty();
  }

  @Test
  void anInvalidInitParamFailsTheFilterAtStartWithItsName() {
    Lines l = new Lines("invalid");
    lines = l;
    CorrelogFilter.Builder b = CorrelogFilter.newBuilder(l.correlog);
    assertThatThrownBy(() -> b.slowThreshold(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.captureHeaders("ok", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                InitParams.read(
                    new FakeConfig("trace-response", "yes"), CorrelogFilter.newBuilder(l.correlog)))
        .hasMessageContaining("trace-response");
  }

  @Test
  void theWebFragmentDeclaresTheFilterForEveryRequest() throws Exception {
    String xml;
    try (var in = CorrelogFilter.class.getResourceAsStream("/META-INF/web-fragment.xml")) {
      xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    var doc =
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
    assertThat(doc.getElementsByTagName("name").item(0).getTextContent()).isEqualTo("correlog");
    assertThat(doc.getElementsByTagName("filter-class").item(0).getTextContent())
        .isEqualTo(CorrelogFilter.class.getName());
    assertThat(doc.getElementsByTagName("async-supported").item(0).getTextContent())
        .isEqualTo("true");
    assertThat(xml).contains("<dispatcher>REQUEST</dispatcher>", "<dispatcher>ASYNC</dispatcher>");
  }

  /** A FilterConfig with one init-param. */
  private record FakeConfig(String name, String value) implements jakarta.servlet.FilterConfig {
    @Override
    public String getFilterName() {
      return "correlog";
    }

    @Override
    public jakarta.servlet.ServletContext getServletContext() {
      return null;
    }

    @Override
    public String getInitParameter(String n) {
      return n.equals(name) ? value : null;
    }

    @Override
    public java.util.Enumeration<String> getInitParameterNames() {
      return java.util.Collections.enumeration(java.util.List.of(name));
    }
  }
}
