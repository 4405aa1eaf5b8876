package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sampling.ErrorFlush;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ErrorFlushTest {
  private final CollectingSink sink = new CollectingSink();

  private Correlog correlog(ErrorFlush limits) {
    return Lines.builder(sink).headRatio(0.0).errorFlush(limits).build();
  }

  @Test
  void droppedLines_areWrittenBeforeTheError_inOrder_marked() {
    Correlog c = correlog(ErrorFlush.defaults());
    EventLogger log = c.logger("t");
    TraceContext request = TraceContext.newRoot("req-1");
    try (Scope s = request.attach()) {
      log.info("step.one").emit();
      log.info("step.two").field("n", 2).emit();
      assertThat(sink.rawLines()).isEmpty(); // sampled out so far
      log.error("step.failed").emit();
      log.info("after.error").emit(); // not held twice: dropped, held anew
    }
    List<JsonNode> lines = Lines.parse(c, sink);
    assertThat(lines)
        .extracting(n -> n.get("event").asText())
        .containsExactly("step.one", "step.two", "step.failed");
    assertThat(lines.get(0).get("sampled_by").asText()).isEqualTo("error_flush");
    assertThat(lines.get(1).get("n").asInt()).isEqualTo(2);
    assertThat(lines.get(2).has("sampled_by")).isFalse();
    assertThat(lines).allSatisfy(n -> assertThat(n.get("request_id").asText()).isEqualTo("req-1"));
    assertThat(c.counters().errorFlushed()).isEqualTo(2);
  }

  @Test
  void aRequestWithoutError_writesNothing_andItsBufferIsGone() {
    Correlog c = correlog(ErrorFlush.defaults());
    EventLogger log = c.logger("t");
    TraceContext request = TraceContext.newRoot();
    try (Scope s = request.attach()) {
      log.info("quiet").emit();
      try (Scope inner = request.newChild().attach()) {
        log.info("inner").emit();
      }
    }
    // A later error in another request does not bring them back.
    try (Scope s = TraceContext.newRoot().attach()) {
      log.error("other.failed").emit();
    }
    assertThat(Lines.parse(c, sink))
        .extracting(n -> n.get("event").asText())
        .containsExactly("other.failed");
  }

  @Test
  void withErrorFlushOff_nothingIsHeld() {
    Correlog c = Lines.builder(sink).headRatio(0.0).build();
    try (Scope s = TraceContext.newRoot().attach()) {
      c.logger("t").info("dropped").emit();
      c.logger("t").error("failed").emit();
    }
    assertThat(Lines.parse(c, sink))
        .extracting(n -> n.get("event").asText())
        .containsExactly("failed");
  }

  @Test
  void boundsHold_under100ConcurrentRequests() throws Exception {
    int maxLines = 5;
    Correlog c = correlog(new ErrorFlush(maxLines, 64 * 1024, 64L * 1024 * 20));
    EventLogger log = c.logger("t");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int r = 0; r < 100; r++) {
      int id = r;
      pool.execute(
          () -> {
            try (Scope s = TraceContext.newRoot("req-" + id).attach()) {
              for (int i = 0; i < 20; i++) {
                log.info("step").field("i", i).emit();
              }
              if (id % 2 == 0) {
                log.error("failed").emit();
              }
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    List<JsonNode> lines = Lines.parse(c, sink);
    Map<String, List<JsonNode>> byRequest =
        lines.stream().collect(Collectors.groupingBy(n -> n.get("request_id").asText()));
    assertThat(byRequest).hasSize(50);
    for (List<JsonNode> req : byRequest.values()) {
      List<JsonNode> flushed = req.stream().filter(n -> n.has("sampled_by")).toList();
      assertThat(flushed.size()).isLessThanOrEqualTo(maxLines);
      for (int i = 0; i < flushed.size(); i++) {
        assertThat(flushed.get(i).get("i").asInt()).isEqualTo(i); // in order, the first ones
      }
      assertThat(req.get(req.size() - 1).get("event").asText()).isEqualTo("failed");
    }
    assertThat(c.counters().errorFlushOverflow()).isGreaterThanOrEqualTo(100 * (20 - maxLines));
  }

  @Test
  void everySampledOutLineIsCountedOnce_flushedOrSampledOut() {
    Correlog c = // disabled events counted too, so that every event is counted once
        Lines.builder(sink)
            .headRatio(0.0)
            .errorFlush(new ErrorFlush(3, 64 * 1024, 1L << 20))
            .countDisabled(true)
            .build();
    EventLogger log = c.logger("t");
    try (Scope s = TraceContext.newRoot().attach()) { // an error: 3 held lines written, 2 not held
      for (int i = 0; i < 5; i++) {
        log.info("step").emit();
      }
      log.error("failed").emit();
    }
    try (Scope s = TraceContext.newRoot().attach()) { // no error: 2 lines discarded at the end
      log.info("quiet").emit();
      log.debug("below.level").emit(); // disabled, not sampled
      log.info("quiet").emit();
    }
    log.info("no.request").emit(); // no context: sampled out at once
    Scope open = TraceContext.newRoot().attach(); // still held when the instance closes
    log.info("held.at.close").emit();
    Counters before = c.counters();
    assertThat(before.errorFlushed()).isEqualTo(3);
    assertThat(before.errorFlushOverflow()).isEqualTo(2);
    assertThat(before.sampledOut()).isEqualTo(2 + 2 + 1);
    c.close();
    open.close();
    Counters n = c.counters();
    assertThat(n.sampledOut()).isEqualTo(2 + 2 + 1 + 1);
    assertThat(n.errorFlushed()).isEqualTo(3);
    assertThat(n.disabled()).isEqualTo(1);
    // 10 events passed their level, none was an encoding failure: each counted once.
    assertThat(n.sampledOut() + n.errorFlushed() + 1).isEqualTo(10);
    assertThat(n.emitted()).isEqualTo(3 + 1);
  }
}
