package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Disabled and sampled-out events are counted per thread stripe, not on the logger (issue 15):
 * threads sharing one logger are counted exactly when their ids fall on different stripes, and
 * never over-counted.
 */
class DropCountsTest {
  private static final int THREADS = 4;
  private static final int EVENTS = 200_000;

  @Test
  void fourThreadsThroughOneLogger_areCounted() throws Exception {
    CollectingSink sink = new CollectingSink();
    Correlog c = Lines.builder(sink).headRatio(1.0).build();
    EventLogger log = c.logger("shared");
    TraceContext notSampled = TraceContext.newRoot().withSampled(false);
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[THREADS];
    for (int t = 0; t < THREADS; t++) {
      threads[t] =
          new Thread(
              () -> {
                try (Scope s = notSampled.attach()) {
                  start.await();
                  for (int i = 0; i < EVENTS; i++) {
                    log.debug("d").field("i", i).emit();
                    log.info("s").field("i", i).emit();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      threads[t].start();
    }
    start.countDown();
    Set<Long> stripes = new HashSet<>();
    for (Thread t : threads) {
      t.join();
      stripes.add(t.getId() & 31);
    }
    long expected = (long) THREADS * EVENTS;
    if (stripes.size() == THREADS) { // the usual case: consecutive ids, four stripes
      assertThat(c.counters().disabled()).isEqualTo(expected);
      assertThat(c.counters().sampledOut()).isEqualTo(expected);
    } else {
      assertThat(c.counters().disabled()).isBetween(expected / THREADS, expected);
      assertThat(c.counters().sampledOut()).isBetween(expected / THREADS, expected);
    }
    assertThat(sink.rawLines()).isEmpty();
    c.close();
  }

  @Test
  void loggersNotKept_countInTheSameTotals() {
    CollectingSink sink = new CollectingSink();
    Correlog c = Lines.builder(sink).headRatio(0.0).build();
    String longName = "a".repeat(Correlog.MAX_CACHED_NAME_LENGTH + 1); // past the bound: not kept
    for (String name : new String[] {"a", longName}) {
      for (int i = 0; i < 3; i++) {
        c.logger(name).debug("d").emit();
        c.logger(name).info("s").emit(); // a fresh root, ratio 0: sampled out
      }
    }
    assertThat(c.cachedLoggers()).isEqualTo(1);
    assertThat(c.counters().disabled()).isEqualTo(6);
    assertThat(c.counters().sampledOut()).isEqualTo(6);
  }
}
