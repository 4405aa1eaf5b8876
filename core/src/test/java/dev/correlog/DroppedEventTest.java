package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.sink.AsyncSink;
import dev.correlog.sink.InMemorySink;
import dev.correlog.sink.Sink;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DroppedEventTest {
  @Test
  void drops_ofAnAsyncSink_areLoggedAsCorrelogDroppedEvents() throws Exception {
    InMemorySink memory = new InMemorySink();
    CountDownLatch release = new CountDownLatch(1);
    Sink slow =
        (level, line, off, len) -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          memory.write(level, line, off, len);
        };
    AsyncSink async =
        AsyncSink.builder(slow)
            .capacity(16)
            .dropReportInterval(Duration.ofMillis(50))
            .shutdownHook(false)
            .build();
    Correlog c = Correlog.builder().service("s").version("1").sink(async).build();
    for (int i = 0; i < 200; i++) {
      c.logger("t").info("busy").field("i", i).emit();
    }
    release.countDown();
    Thread.sleep(300);
    c.close();
    assertThat(memory.lines())
        .anySatisfy(l -> assertThat(l).contains("\"event\":\"correlog.dropped\""));
    long reported =
        memory.lines().stream()
            .filter(l -> l.contains("correlog.dropped"))
            .mapToLong(l -> Lines.JSON.valueToTree(parse(l)).get("dropped").asLong())
            .sum();
    assertThat(reported).isEqualTo(async.dropped());
  }

  private static Object parse(String l) {
    try {
      return Lines.JSON.readTree(l);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
