package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class StripedCountTest {
  @Test
  void oneThread_exact() {
    StripedCount c = new StripedCount();
    assertThat(c.sum()).isZero();
    for (int i = 0; i < 1000; i++) {
      c.increment();
    }
    assertThat(c.sum()).isEqualTo(1000);
  }

  /**
   * Threads whose ids differ modulo the stripes add at the same time without losing an add: each
   * has a stripe of its own (with one shared cell, racy increments lose some of these adds).
   */
  @Test
  @SuppressWarnings("deprecation") // Thread.getId, as StripedCount reads it
  void threadsOnTheirOwnStripes_loseNothing() throws Exception {
    StripedCount c = new StripedCount();
    int perThread = 2_000_000;
    CyclicBarrier start = new CyclicBarrier(4);
    List<Thread> threads = new ArrayList<>();
    Set<Long> stripes = new HashSet<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
                for (int i = 0; i < perThread; i++) {
                  c.increment();
                }
              });
      threads.add(thread);
      stripes.add(thread.getId() % StripedCount.STRIPES);
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(stripes).as("ids of threads made one after another").hasSize(4);
    assertThat(c.sum()).isEqualTo(4L * perThread);
  }
}
