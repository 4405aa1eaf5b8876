package dev.correlog.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.Correlog;
import dev.correlog.context.TraceContext;
import dev.correlog.sink.InMemorySink;
import dev.correlog.sink.Sinks;
import io.grpc.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Two services (a caller and a callee), each with its own Correlog and in-memory sink. */
final class Harness {
  final InMemorySink clientSink = Sinks.inMemory();
  final InMemorySink serverSink = Sinks.inMemory();
  final Correlog client =
      Correlog.builder().service("caller-svc").version("1.0.0").sink(clientSink).build();
  final Correlog server =
      Correlog.builder().service("callee-svc").version("2.0.0").sink(serverSink).build();

  void close() {
    client.close();
    server.close();
  }

  static ExecutorService pool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory f =
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return Executors.newFixedThreadPool(threads, f);
  }

  /**
   * Runs one probe on every thread of {@code pool} (a pool of exactly {@code threads} threads) and
   * asserts that none has a Correlog context or an {@code io.grpc.Context} left.
   */
  static void assertThreadsClean(ExecutorService pool, int threads) throws Exception {
    CyclicBarrier all = new CyclicBarrier(threads);
    List<Future<String>> probes = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      probes.add(
          pool.submit(
              () -> {
                all.await(10, TimeUnit.SECONDS);
                String name = Thread.currentThread().getName();
                if (TraceContext.current() != null) {
                  return name + " kept " + TraceContext.current();
                }
                if (Context.current() != Context.ROOT) {
                  return name + " kept an io.grpc.Context";
                }
                return "clean";
              }));
    }
    for (Future<String> p : probes) {
      assertThat(p.get(15, TimeUnit.SECONDS)).isEqualTo("clean");
    }
  }

  /**
   * The client's and the server's events of one call pair up: same trace and request id, the
   * server's parent is the client's span, the client's parent is the caller's span.
   */
  static void assertPaired(
      TraceContext caller, JsonNode client, JsonNode server, String method, int code) {
    assertThat(Lines.text(client, "service")).isEqualTo("caller-svc");
    assertThat(Lines.text(server, "service")).isEqualTo("callee-svc");
    for (JsonNode e : List.of(client, server)) {
      assertThat(Lines.text(e, "trace_id")).isEqualTo(caller.traceIdHex());
      assertThat(Lines.text(e, "request_id")).isEqualTo(caller.requestId());
      assertThat(Lines.text(e, "rpc.system")).isEqualTo("grpc");
      assertThat(Lines.text(e, "rpc.service")).isEqualTo(TestService.SERVICE);
      assertThat(Lines.text(e, "rpc.method")).isEqualTo(method);
      assertThat(e.path("rpc.grpc.status_code").asInt(-1))
          .as("status code of %s", e)
          .isEqualTo(code);
      assertThat(e.path("duration_ms").isNumber()).isTrue();
      assertThat(e.path("duration_ms").asDouble()).isGreaterThanOrEqualTo(0);
      assertThat(e.has("schema_errors")).as("schema errors in %s", e).isFalse();
    }
    assertThat(Lines.text(client, "parent_span_id")).isEqualTo(caller.spanIdHex());
    assertThat(Lines.text(server, "parent_span_id")).isEqualTo(Lines.text(client, "span_id"));
    assertThat(Lines.text(server, "span_id")).isNotEqualTo(Lines.text(client, "span_id"));
    assertThat(Lines.text(server, "network.peer.address")).isNotBlank();
  }

  /** A handler's own line is in the server's span of the call whose event is {@code server}. */
  static void assertInServerSpan(JsonNode line, JsonNode server, TraceContext caller) {
    assertThat(Lines.text(line, "trace_id")).as("trace of %s", line).isEqualTo(caller.traceIdHex());
    assertThat(Lines.text(line, "request_id")).isEqualTo(caller.requestId());
    assertThat(Lines.text(line, "span_id")).isEqualTo(Lines.text(server, "span_id"));
    assertThat(Lines.text(line, "parent_span_id")).isEqualTo(Lines.text(server, "parent_span_id"));
  }
}
