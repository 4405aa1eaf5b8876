package dev.correlog.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.ContextExecutors;
import dev.correlog.context.ContextStorage;
import dev.correlog.context.TraceContext;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** MDC values and contexts never leak between tasks of a pooled thread. */
class PooledThreadLeakTest {
  private final Captured captured = Captured.install();
  private final Logger log = LoggerFactory.getLogger("com.acme.Worker");

  @AfterEach
  void close() {
    MDC.clear();
    captured.close();
  }

  @Test
  void aNewPoolThread_doesNotInheritTheMdcOfTheThreadThatStartedIt() throws Exception {
    MDC.put("user", "alice"); // on the "request" thread that makes the pool grow
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      String seen = pool.submit(() -> MDC.get("user")).get(10, TimeUnit.SECONDS);
      assertThat(seen).isNull(); // SLF4J's BasicMDCAdapter (inheritable) would give "alice"
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tasksOfAWrappedPool_neverSeeAnEarlierTasksContextOrMirroredIds() throws Exception {
    ExecutorService pool = ContextExecutors.wrap(Executors.newSingleThreadExecutor());
    TraceContext first = TraceContext.newRoot("req-1");
    try {
      pool.submit(
              () -> {
                first.attach(); // left open on purpose: the task wrapper closes it
                MDC.put("step", "one");
                log.info("task one");
                MDC.remove("step");
              })
          .get(10, TimeUnit.SECONDS);
      pool.submit(
              () -> {
                assertThat(MDC.get("trace_id")).isNull();
                assertThat(MDC.get("request_id")).isNull();
                assertThat(TraceContext.current()).isNull();
                log.info("task two");
              })
          .get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    List<JsonNode> lines = captured.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("trace_id").asText()).isEqualTo(first.traceIdHex());
    assertThat(lines.get(0).get("step").asText()).isEqualTo("one");
    assertThat(lines.get(1).get("trace_id").asText()).isNotEqualTo(first.traceIdHex());
    assertThat(lines.get(1).get("request_id").asText()).isNotEqualTo("req-1");
    assertThat(lines.get(1).has("step")).isFalse();
  }

  @Test
  void aPlainPoolThread_clearedWhereWorkStarts_logsWithoutTheStaleContext() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      TraceContext leaked = TraceContext.newRoot("req-leaked");
      pool.submit(
              () -> {
                leaked.attach(); // never closed: a bug in the application
                log.info("leaky task");
              })
          .get(10, TimeUnit.SECONDS);
      pool.submit(
              () -> {
                ContextStorage.clearStale(); // what an adapter does where a request starts
                assertThat(MDC.get("trace_id")).isNull();
                log.info("next task");
              })
          .get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    List<JsonNode> lines = captured.lines();
    assertThat(lines.get(0).get("request_id").asText()).isEqualTo("req-leaked");
    assertThat(lines.get(1).get("request_id").asText()).isNotEqualTo("req-leaked");
  }

  @Test
  void mdcMirror_restoresThePreviousValues_ofThisProvidersMdc() {
    MDC.put("trace_id", "set-by-someone-else");
    TraceContext ctx = TraceContext.newRoot();
    try (var s = ctx.attach()) {
      assertThat(MDC.get("trace_id")).isEqualTo(ctx.traceIdHex());
    }
    assertThat(MDC.get("trace_id")).isEqualTo("set-by-someone-else");
  }
}
