package dev.correlog.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Propagators;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ServletCarriers.REQUEST.getEach} on requests received by a real Jetty: the same values as
 * {@code get} name by name (any case, repeats joined), and what the default propagators extract.
 */
class ServletCarriersTest {
  static final List<String> NAMES =
      List.of(
          "traceparent",
          "tracestate",
          "b3",
          "X-B3-TraceId",
          "X-B3-SpanId",
          "X-B3-ParentSpanId",
          "X-B3-Sampled",
          "X-B3-Flags",
          "x-request-id");
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

  static JettyApp app;

  @BeforeAll
  static void start() throws Exception {
    app =
        JettyApp.start(
            JettyApp.servlet(
                JettyApp.context("/", null),
                "/*",
                (req, res) -> {
                  String[] each = new String[NAMES.size()];
                  ServletCarriers.REQUEST.getEach(req, NAMES, each);
                  String[] one = new String[NAMES.size()];
                  for (int i = 0; i < one.length; i++) {
                    one[i] = ServletCarriers.REQUEST.get(req, NAMES.get(i));
                  }
                  Extracted e = Propagators.defaults().extract(req, ServletCarriers.REQUEST);
                  res.setContentType("text/plain");
                  PrintWriter w = res.getWriter();
                  w.println(Arrays.toString(each));
                  w.println(Arrays.toString(one));
                  w.println(e.context() == null ? "none" : e.context().traceIdHex());
                  w.println(e.traceState() + " " + e.requestId());
                }));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static List<String> body(List<String> headers) throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var builder = java.net.http.HttpRequest.newBuilder(app.uri("/"));
    for (String h : headers) {
      int colon = h.indexOf(':');
      builder.header(h.substring(0, colon), h.substring(colon + 1).trim());
    }
    String text =
        client.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    return List.of(text.split("\r?\n"));
  }

  @Test
  void getEach_agreesWithGet_inAnyCase_withRepeatsJoined() throws Exception {
    List<String> lines =
        body(
            List.of(
                "TraceParent: " + TRACEPARENT,
                "TRACESTATE: a=1",
                "tracestate: b=2",
                "X-REQUEST-ID: r1",
                "x-b3-sampled: 1"));
    assertThat(lines.get(0)).isEqualTo(lines.get(1));
    assertThat(lines.get(0))
        .isEqualTo(
            Arrays.toString(
                new String[] {TRACEPARENT, "a=1,b=2", null, null, null, null, "1", null, "r1"}));
    assertThat(lines.get(2)).isEqualTo(TRACE);
    assertThat(lines.get(3)).isEqualTo("a=1,b=2 r1");
  }

  @Test
  void getEach_onARequestWithManyOtherHeaders_findsTheB3Ones() throws Exception {
    List<String> headers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      headers.add("X-Junk-" + i + ": v" + i);
    }
    headers.add("X-B3-TRACEID: 80f198ee56343ba864fe8b2a57d3eff7");
    headers.add("x-B3-spanid: e457b5a2e4d86bd1");
    List<String> lines = body(headers);
    assertThat(lines.get(0)).isEqualTo(lines.get(1));
    assertThat(lines.get(2)).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
    assertThat(lines.get(3)).isEqualTo("null null");
  }

  @Test
  void getEach_withNoneOfTheHeaders_isAllAbsent() throws Exception {
    List<String> lines = body(List.of("Accept: text/plain"));
    assertThat(lines.get(0)).isEqualTo(Arrays.toString(new String[NAMES.size()]));
    assertThat(lines.get(1)).isEqualTo(lines.get(0));
    assertThat(lines.get(2)).isEqualTo("none");
  }
}
