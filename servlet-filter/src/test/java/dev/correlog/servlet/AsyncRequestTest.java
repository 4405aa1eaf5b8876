package dev.correlog.servlet;

import static dev.correlog.servlet.JettyApp.context;
import static dev.correlog.servlet.JettyApp.servlet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.EventLogger;
import dev.correlog.context.TraceContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asynchronous requests: completion, dispatch, timeout and errors, through a real Jetty. */
class AsyncRequestTest {
  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  static final String TRACEPARENT = "00-" + TRACE + "-b7ad6b7169203331-01";

  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  Lines lines;
  JettyApp app;

  @BeforeEach
  void start() throws Exception {
    lines = new Lines("async-app");
    EventLogger log = lines.correlog.logger("app");
    ServletContextHandler ctx = context("/", CorrelogFilter.create(lines.correlog));
    servlet(
        ctx,
        "/worker",
        (req, res) -> {
          AsyncContext async = req.startAsync();
          AsyncTasks.start(
              async,
              () -> {
                try {
                  Thread.sleep(50);
                  log.info("worker.done").emit();
                  res.setStatus(202);
                  res.getWriter().write("done");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                } finally {
                  async.complete();
                }
              });
          log.info("worker.started").emit();
        });
    servlet(
        ctx,
        "/dispatch",
        (req, res) -> {
          if (req.getDispatcherType() == DispatcherType.ASYNC) {
            log.info("dispatch.second").field("current", TraceContext.current() != null).emit();
            res.setStatus(201);
            res.getWriter().write("second");
            return;
          }
          AsyncContext async = req.startAsync();
          Thread t =
              new Thread(
                  () -> {
                    // A thread of our own: no context at all, yet dispatch brings it back.
                    log.info("outside.request").emit();
                    async.dispatch();
                  });
          t.start();
        });
    servlet(
        ctx,
        "/timeout",
        (req, res) -> {
          AsyncContext async = req.startAsync();
          async.setTimeout(200);
          log.info("waiting.forever").emit();
        });
    servlet(
        ctx,
        "/dispatch-fails",
        (req, res) -> {
          if (req.getDispatcherType() == DispatcherType.ASYNC) {
            log.info("failing.now").emit();
            throw new IllegalStateException("async dispatch failed");
          }
          req.startAsync().dispatch();
        });
    servlet(
        ctx,
        "/async-error",
        (req, res) -> {
          AsyncContext async = req.startAsync();
          AsyncTasks.start(
              async,
              () -> {
                try {
                  res.sendError(503, "overloaded");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                async.complete();
              });
        });
    app = JettyApp.start(ctx);
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
    lines.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(app.uri(path)).header("traceparent", TRACEPARENT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  void assertWrittenOnce() throws InterruptedException {
    Thread.sleep(150);
    assertThat(lines.events(AccessEvent.NAME)).hasSize(1);
  }

  @Test
  void writesTheEventOnceAtCompletionAndRunsStartedTasksInTheRequestsContext() throws Exception {
    HttpResponse<String> res = get("/worker");

    assertThat(res.statusCode()).isEqualTo(202);
    JsonNode access = lines.access(TRACE);
    assertThat(access.path("http.status_code").asInt()).isEqualTo(202);
    assertThat(access.path("duration_ms").asDouble()).isGreaterThanOrEqualTo(50.0);
    JsonNode worker = lines.events("worker.done").get(0);
    assertThat(worker.path("trace_id").asText()).isEqualTo(TRACE);
    assertThat(worker.path("span_id").asText()).isEqualTo(access.path("span_id").asText());
    assertWrittenOnce();
  }

  @Test
  void anAsyncDispatchRunsInTheRequestsContextAndTheEventWaitsForIt() throws Exception {
    HttpResponse<String> res = get("/dispatch");

    assertThat(res.statusCode()).isEqualTo(201);
    assertThat(res.body()).isEqualTo("second");
    JsonNode access = lines.access(TRACE);
    assertThat(access.path("http.status_code").asInt()).isEqualTo(201);
    JsonNode second = lines.events("dispatch.second").get(0);
    assertThat(second.path("trace_id").asText()).isEqualTo(TRACE);
    assertThat(second.path("current").asBoolean()).isTrue();
    assertThat(lines.events("outside.request").get(0).path("trace_id").asText())
        .isNotEqualTo(TRACE);
    assertWrittenOnce();
  }

  @Test
  void aTimeoutIsWrittenOnceAsAServerError() throws Exception {
    HttpResponse<String> res = get("/timeout");

    assertThat(res.statusCode()).isEqualTo(500);
    JsonNode access = lines.access(TRACE);
    assertThat(access.path("level").asText()).isEqualTo("ERROR");
    assertThat(access.path("http.status_code").asInt()).isEqualTo(500);
    assertThat(access.path("http.async_timeout").asBoolean()).isTrue();
    assertThat(access.path("duration_ms").asDouble()).isGreaterThanOrEqualTo(200.0);
    assertWrittenOnce();
  }

  @Test
  void anExceptionOnTheAsyncDispatchIsRecordedWithTheEvent() throws Exception {
    HttpResponse<String> res = get("/dispatch-fails");

    assertThat(res.statusCode()).isEqualTo(500);
    JsonNode access = lines.access(TRACE);
    assertThat(access.path("level").asText()).isEqualTo("ERROR");
    assertThat(access.path("http.status_code").asInt()).isEqualTo(500);
    assertThat(access.path("error").path("message").asText()).isEqualTo("async dispatch failed");
    assertThat(lines.events("failing.now").get(0).path("trace_id").asText()).isEqualTo(TRACE);
    assertWrittenOnce();
  }

  @Test
  void anErrorStatusSentFromAnAsyncTaskIsWrittenAtCompletion() throws Exception {
    HttpResponse<String> res = get("/async-error");

    assertThat(res.statusCode()).isEqualTo(503);
    JsonNode access = lines.access(TRACE);
    assertThat(access.path("level").asText()).isEqualTo("ERROR");
    assertThat(access.path("http.status_code").asInt()).isEqualTo(503);
    assertWrittenOnce();
  }
}
