package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.ContextExecutors;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sampling.ErrorFlush;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One unsampled trace served by several threads of this process (the request thread, a Kafka
 * consumer's, a gRPC server's, an async continuation): the lines it held are released only when the
 * last scope of the trace in the process closes, never when one thread leaves it.
 */
class ErrorFlushAcrossThreadsTest {
  private final CollectingSink sink = new CollectingSink();
  private final List<Party> parties = new ArrayList<>();
  private final Correlog correlog =
      Lines.builder(sink).headRatio(0.0).errorFlush(ErrorFlush.defaults()).build();
  private final EventLogger log = correlog.logger("t");

  @AfterEach
  void stop() {
    parties.forEach(Party::stop);
    correlog.close();
  }

  /** A thread of its own; every step runs there and is waited for, so the order is exact. */
  private final class Party {
    final String name;
    final ExecutorService thread = Executors.newSingleThreadExecutor();
    final Deque<Scope> open = new ArrayDeque<>(); // touched on the party's thread only

    Party(String name) {
      this.name = name;
      parties.add(this);
    }

    void run(Runnable step) {
      try {
        thread.submit(step).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError(name, e);
      }
    }

    void enter(TraceContext trace) {
      run(() -> open.push(trace.newChild().attach()));
    }

    void hold(String event) {
      run(() -> log.info(event).field("party", name).emit());
    }

    void leave() {
      run(() -> open.pop().close());
    }

    void error() {
      run(() -> log.error("request.failed").field("party", name).emit());
    }

    void stop() {
      thread.shutdownNow();
    }
  }

  private List<String> events() {
    return Lines.parse(correlog, sink).stream().map(n -> n.get("event").asText()).toList();
  }

  @Test
  void anotherThreadLeavingTheTrace_keepsItsHeldLines_inEveryOrder() {
    List<List<Integer>> orders =
        List.of(
            List.of(0, 1, 2),
            List.of(0, 2, 1),
            List.of(1, 0, 2),
            List.of(1, 2, 0),
            List.of(2, 0, 1),
            List.of(2, 1, 0));
    Party[] p = {new Party("http"), new Party("kafka"), new Party("grpc")};
    int expected = 0;
    for (List<Integer> opening : orders) {
      for (List<Integer> closing : orders) {
        TraceContext trace = TraceContext.newRoot();
        for (int i : opening) {
          p[i].enter(trace);
          p[i].hold("held." + p[i].name);
        }
        Party last = p[closing.get(2)];
        p[closing.get(0)].leave();
        p[closing.get(1)].leave();
        last.hold("held.after." + last.name); // the others have left: still held
        last.error();
        last.leave();
        expected += 5;
      }
    }
    List<JsonNode> lines = Lines.parse(correlog, sink);
    assertThat(lines).hasSize(expected);
    for (int i = 0; i < lines.size(); i += 5) {
      List<JsonNode> request = lines.subList(i, i + 5);
      assertThat(request)
          .extracting(n -> n.get("trace_id").asText())
          .containsOnly(request.get(0).get("trace_id").asText());
      assertThat(request.subList(0, 4))
          .allSatisfy(n -> assertThat(n.get("sampled_by").asText()).isEqualTo("error_flush"));
      assertThat(request.get(4).get("event").asText()).isEqualTo("request.failed");
    }
    assertThat(correlog.counters().errorFlushed()).isEqualTo(4L * orders.size() * orders.size());
    assertThat(correlog.counters().sampledOut()).isZero();
  }

  @Test
  void anAsyncContinuationEnding_keepsTheRequestsHeldLines() throws Exception {
    ExecutorService pool = ContextExecutors.wrap(Executors.newFixedThreadPool(2));
    try {
      try (Scope request = TraceContext.newRoot().attach()) {
        log.info("request.start").emit();
        pool.submit(() -> log.info("continuation.step").emit()).get();
        pool.submit(() -> log.info("continuation.other").emit()).get();
        log.error("request.failed").emit();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(events())
        .containsExactly(
            "request.start", "continuation.step", "continuation.other", "request.failed");
  }

  @Test
  void whenTheLastScopeOfTheTraceCloses_theHeldLinesAreDiscarded_andCounted() {
    Party http = new Party("http");
    Party kafka = new Party("kafka");
    TraceContext trace = TraceContext.newRoot();
    http.enter(trace);
    kafka.enter(trace);
    http.hold("held.http");
    kafka.hold("held.kafka");
    http.enter(trace); // nested on the same thread: one more scope of the trace
    http.leave();
    kafka.leave();
    http.leave(); // the last one: the trace has left the process
    assertThat(correlog.counters().sampledOut()).isEqualTo(2);
    http.enter(trace); // a late retry of the same trace fails: the old lines are gone
    http.error();
    http.leave();
    assertThat(events()).containsExactly("request.failed");
    assertThat(correlog.counters().errorFlushed()).isZero();
  }

  @Test
  void manyThreadsInRandomOrders_theErrorWritesEveryLineTheTraceHeld() {
    Random random = new Random(9);
    List<Party> pool = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pool.add(new Party("p" + i));
    }
    int held = 0;
    int written = 0;
    for (int round = 0; round < 40; round++) {
      TraceContext trace = TraceContext.newRoot();
      List<Party> in = new ArrayList<>(pool.subList(0, 2 + random.nextInt(pool.size() - 1)));
      Collections.shuffle(in, random);
      for (Party p : in) {
        p.enter(trace);
        int depth = random.nextInt(3); // nested scopes of the same trace on one thread
        for (int d = 0; d < depth; d++) {
          p.enter(trace);
        }
        p.hold("held");
        held++;
        for (int d = 0; d < depth; d++) {
          p.leave();
        }
      }
      Collections.shuffle(in, random);
      Party last = in.get(in.size() - 1);
      for (Party p : in.subList(0, in.size() - 1)) {
        p.leave();
      }
      last.error();
      written++;
      last.leave();
    }
    List<JsonNode> lines = Lines.parse(correlog, sink);
    assertThat(lines).hasSize(held + written);
    assertThat(lines.stream().filter(n -> n.has("sampled_by")).count()).isEqualTo(held);
    assertThat(correlog.counters().errorFlushed()).isEqualTo(held);
    assertThat(correlog.counters().sampledOut()).isZero();
  }
}
