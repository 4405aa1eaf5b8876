package dev.correlog.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Level;
import dev.correlog.internal.sink.AsyncWriter;
import dev.correlog.internal.sink.LineRing;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starts the queue's cursors just before their integer ranges end, so both wrap during a run. */
@Timeout(60)
class LineRingWrapTest {
  @Test
  void sequenceAndBytePositionWrapAroundWithoutLosingOrRepeatingALine() throws Exception {
    LineRing ring = new LineRing(64, 1024, LineRing.SEQ_MASK - 300, -5000);
    RecordingSink delegate = new RecordingSink();
    AsyncWriter writer =
        new AsyncWriter(ring, delegate, delegate, null, null, TimeUnit.SECONDS.toNanos(10));
    writer.start();
    Sink producer =
        (level, line, offset, length) -> {
          long claim;
          while ((claim = ring.claim(length, true)) == LineRing.FULL) {
            Thread.yield();
          }
          ring.publish(claim, level, line, offset, length);
          writer.wake();
        };
    Thread[] threads = new Thread[2];
    for (int t = 0; t < threads.length; t++) {
      int base = t * 10_000;
      threads[t] =
          new Thread(
              () -> {
                TestLines lines = new TestLines();
                for (int i = 0; i < 10_000; i++) {
                  try {
                    lines.write(producer, base + i, Level.INFO);
                  } catch (IOException e) {
                    throw new AssertionError(e);
                  }
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    writer.requestClose();

    assertThat(writer.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
    assertThat(delegate.ids().cardinality()).isEqualTo(20_000);
    assertThat(delegate.duplicates()).isZero();
    assertThat(writer.written()).isEqualTo(20_000);
    assertThat(ring.headSeq()).isEqualTo((LineRing.SEQ_MASK - 300 + 20_000) & LineRing.SEQ_MASK);
    assertThat(ring.headPos()).isPositive(); // From -5000 through 0xFFFFFFFF to 0 and on.
  }
}
