package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drops counted at one logger that several threads share (a {@code static final} logger in a
 * server): each thread counts on a stripe of its own, and {@link Counters} adds them up.
 */
class DropCountsAcrossThreadsTest {
  private static final int THREADS = 4;
  private static final int EACH = 50_000;

  @Test
  void sampledOutAndDisabled_onOneLogger_fromFourThreads_allCounted() throws Exception {
    CollectingSink sink = new CollectingSink();
    Correlog c = Lines.builder(sink).countDisabled(true).build();
    EventLogger shared = c.logger("com.acme.Shared");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      threads.add(
          new Thread(
              () -> {
                try (Scope s = TraceContext.newRoot().withSampled(false).attach()) {
                  for (int i = 0; i < EACH; i++) {
                    shared.info("dropped").field("i", i).emit();
                    shared.debug("below").emit();
                  }
                  shared.warn("kept").emit();
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(c.counters().sampledOut()).isEqualTo((long) THREADS * EACH);
    assertThat(c.counters().disabled()).isEqualTo((long) THREADS * EACH);
    assertThat(sink.rawLines()).hasSize(THREADS);
  }
}
