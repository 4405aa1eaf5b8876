package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.sink.AsyncSink;
import dev.correlog.sink.InMemorySink;
import dev.correlog.sink.Sink;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** emitted counts lines a sink took; lines an async queue dropped are counted as dropped. */
class CountersTruthTest {
  @Test
  void linesAnAsyncQueueDroppedAreNotEmittedButDropped() throws Exception {
    InMemorySink memory = new InMemorySink();
    CountDownLatch release = new CountDownLatch(1);
    Sink gated =
        (level, line, off, len) -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          memory.write(level, line, off, len);
        };
    AsyncSink async =
        AsyncSink.builder(gated)
            .capacity(16)
            .dropReportInterval(Duration.ofMillis(20))
            .shutdownHook(false)
            .build();
    Correlog c = Correlog.builder().service("s").version("1").sink(async).build();
    for (int i = 0; i < 200; i++) {
      c.logger("t").info("busy").field("i", i).emit();
    }
    assertThat(c.counters().emitted() + c.counters().dropped()).isEqualTo(200);
    assertThat(c.counters().dropped()).isEqualTo(async.dropped()).isPositive();
    assertThat(c.counters().sinkFailures()).isZero();

    release.countDown();
    c.close();
    long busy = memory.lines().stream().filter(l -> l.contains("\"event\":\"busy\"")).count();
    assertThat(busy).isEqualTo(200 - async.dropped());
    assertThat(memory.lines())
        .filteredOn(l -> l.contains("correlog.dropped"))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains("dropped lines below WARN"));
  }
}
