package dev.correlog.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * A real Logback, configured from an XML file, with and without {@code AsyncAppender}: 8 threads,
 * each in its own context, write Correlog lines that carry their own thread's trace ids.
 */
class EightThreadsTest {
  private static final int THREADS = 8;
  private static final int LINES = 200;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"logback-test-file.xml", "logback-test-async.xml"})
  void everyLineCarriesTheIdsOfTheThreadThatLoggedIt(String config) throws Exception {
    Path file = dir.resolve("app.log");
    LoggerContext context = LogbackConfig.configure(config, file);
    Logger log = context.getLogger("com.acme.Worker");
    ConcurrentHashMap<Integer, TraceContext> contexts = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[THREADS];
    for (int t = 0; t < THREADS; t++) {
      int worker = t;
      threads[t] =
          new Thread(
              () -> {
                TraceContext ctx = TraceContext.newRoot("req-" + worker);
                contexts.put(worker, ctx);
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                try (Scope s = ctx.attach()) {
                  MDC.put("tenant", "tenant-" + worker);
                  for (int i = 0; i < LINES; i++) {
                    log.atInfo()
                        .addKeyValue("worker", worker)
                        .addKeyValue("i", i)
                        .log("line {} of worker {}", i, worker);
                  }
                  MDC.remove("tenant");
                }
              },
              "worker-" + t);
      threads[t].start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(60));
    }
    context.stop(); // flushes the AsyncAppender's queue and closes the file

    List<JsonNode> lines = LogbackConfig.lines(file);
    assertThat(lines).hasSize(THREADS * LINES);
    for (JsonNode line : lines) {
      int worker = line.get("worker").asInt();
      TraceContext ctx = contexts.get(worker);
      assertThat(line.get("trace_id").asText()).isEqualTo(ctx.traceIdHex());
      assertThat(line.get("span_id").asText()).isEqualTo(ctx.spanIdHex());
      assertThat(line.get("request_id").asText()).isEqualTo("req-" + worker);
      assertThat(line.get("thread").asText()).isEqualTo("worker-" + worker);
      assertThat(line.get("tenant").asText()).isEqualTo("tenant-" + worker);
      assertThat(line.get("message").asText())
          .isEqualTo("line " + line.get("i").asInt() + " of worker " + worker);
      assertThat(line.get("service").asText()).isEqualTo("order-service");
      assertThat(line.get("environment").asText()).isEqualTo("test");
      assertThat(line.has("_trace_id")).isFalse();
    }
  }
}
