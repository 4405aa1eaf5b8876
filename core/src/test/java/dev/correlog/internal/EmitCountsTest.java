package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.sink.InMemorySink;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The emitted count kept per builder: exact across threads, and its cells bounded. */
class EmitCountsTest {

  @Test
  void everyLineIsCountedOnceAcrossLongLivedDyingAndNestedCallers() throws Exception {
    InMemorySink sink = new InMemorySink();
    Correlog c = Correlog.builder().service("s").version("1").sink(sink).build();
    EventLogger log = c.logger("t");
    Object nested =
        new Object() {
          @Override
          public String toString() {
            log.info("inner").emit(); // the thread's builder is busy: a pooled one
            return "outer-value";
          }
        };
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 2_000; i++) {
                  log.info("long.lived").field("i", i).emit();
                }
              }));
    }
    for (int t = 0; t < 40; t++) { // short-lived: their builders die with them
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 25; i++) {
                  log.info("short.lived").field("v", nested).emit();
                }
              }));
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long expected = 4 * 2_000 + 40 * 25 * 2;
    assertThat(sink.lines()).hasSize((int) expected);
    assertThat(c.counters().emitted()).isEqualTo(expected);
    c.close();
  }

  @Test
  void aCollectedBuildersCellIsTakenOverWithItsCount() throws Exception {
    EmitCounts counts = new EmitCounts();
    Object first = new Object();
    EmitCounts.Cell cell = counts.cell(first);
    for (int i = 0; i < 5; i++) {
      cell.increment();
    }
    WeakReference<Object> gone = new WeakReference<>(first);
    first = null;
    for (int i = 0; i < 100 && gone.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(gone.get()).as("the first owner was collected").isNull();

    Object second = new Object();
    EmitCounts.Cell again = counts.cell(second);
    assertThat(again).isSameAs(cell);
    again.increment();
    assertThat(counts.sum()).isEqualTo(6);
    assertThat(counts.cellCount()).isEqualTo(1);

    Object third = new Object(); // a live owner's cell is never shared
    counts.cell(third).increment();
    assertThat(counts.cellCount()).isEqualTo(2);
    assertThat(counts.sum()).isEqualTo(7);
    assertThat(second).isNotSameAs(third);
  }
}
