package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentEmitTest {
  @Test
  void manyThreads_emitWholeLines_withTheirOwnFields() throws Exception {
    CollectingSink sink = new CollectingSink();
    Correlog c = Lines.builder(sink).build();
    EventLogger log = c.logger("t");
    int threads = 8;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      int id = t;
      pool.execute(
          () -> {
            for (int i = 0; i < perThread; i++) {
              log.info("tick")
                  .field("worker", id)
                  .field("seq", i)
                  .message("w" + id + "-" + i)
                  .emit();
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    List<JsonNode> lines = Lines.parse(c, sink);
    assertThat(lines).hasSize(threads * perThread);
    Set<String> seen = new HashSet<>();
    for (JsonNode n : lines) {
      String expected = "w" + n.get("worker").asInt() + "-" + n.get("seq").asInt();
      assertThat(n.get("message").asText()).isEqualTo(expected);
      seen.add(expected);
    }
    assertThat(seen).hasSize(threads * perThread);
  }
}
