package dev.correlog.sink;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.Level;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AsyncSinkOverflowTest {
  /** Level of line {@code i} in the mixed streams below: 10% WARN, 2% ERROR, the rest INFO. */
  static Level levelOf(long i) {
    return i % 50 == 7 ? Level.ERROR : i % 10 == 3 ? Level.WARN : Level.INFO;
  }

  static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** Producers writing mixed levels; returns the longest time one producer took, in millis. */
  static long produce(Sink sink, int threads, int perThread) throws InterruptedException {
    List<Thread> workers = new ArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    AtomicLong slowest = new AtomicLong();
    for (int t = 0; t < threads; t++) {
      long base = (long) t * perThread;
      workers.add(
          new Thread(
              () -> {
                TestLines lines = new TestLines();
                long start = System.nanoTime();
                try {
                  for (int i = 0; i < perThread; i++) {
                    lines.write(sink, base + i, levelOf(base + i));
                  }
                } catch (Throwable e) {
                  errors.add(e);
                }
                slowest.accumulateAndGet(millisSince(start), Math::max);
              }));
    }
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }
    assertThat(errors).isEmpty();
    return slowest.get();
  }

  @Test
  void anOverflowingSinkDropsOnlyInfoCountsEveryDropAndKeepsEveryWarnAndError() throws Exception {
    RecordingSink delegate = new RecordingSink().delayPerCall(5_000);
    AsyncSink sink =
        AsyncSink.builder(delegate.perLine()).capacity(64).maxWait(Duration.ofSeconds(20)).build();
    int sent = 4 * 50_000;
    produce(sink, 4, 50_000);
    sink.close();

    long important = 0;
    for (long id = 0; id < sent; id++) {
      if (levelOf(id) != Level.INFO) {
        important++;
        assertThat(delegate.has(id)).as("WARN/ERROR line %s", id).isTrue();
      }
    }
    assertThat(sink.dropped()).isPositive();
    assertThat(sink.written() + sink.dropped()).isEqualTo(sent);
    assertThat(delegate.lines()).isEqualTo(sink.written());
    assertThat(delegate.lines(Level.INFO)).isEqualTo(sent - important - sink.dropped());
    assertThat(delegate.duplicates()).isZero();
  }

  @Test
  void infoMayFillSevenEighthsOfTheQueueAndWarnTheRest() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink =
        AsyncSink.builder(delegate).capacity(16).maxWait(Duration.ofMillis(100)).build();
    TestLines lines = new TestLines();
    for (int i = 0; i < 20; i++) {
      lines.write(sink, i, Level.INFO);
    }
    assertThat(sink.queueDepth()).isEqualTo(14);
    assertThat(sink.dropped()).isEqualTo(6);

    lines.write(sink, 100, Level.WARN);
    lines.write(sink, 101, Level.ERROR);
    assertThatThrownBy(() -> lines.write(sink, 102, Level.WARN))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("queue full");
    assertThat(sink.dropped()).isEqualTo(6);
    assertThat(sink.refused()).isEqualTo(1);

    delegate.open();
    sink.close();
    assertThat(delegate.lines()).isEqualTo(16);
    assertThat(delegate.has(101)).isTrue();
  }

  @Test
  void warnWaitsForRoomWhileInfoIsDroppedAtOnce() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink = AsyncSink.builder(delegate).capacity(8).build();
    TestLines lines = new TestLines();
    for (int i = 0; i < 7; i++) {
      lines.write(sink, i, Level.INFO);
    }
    long start = System.nanoTime();
    lines.write(sink, 7, Level.INFO);
    lines.write(sink, 8, Level.WARN); // The reserve.
    assertThat(millisSince(start)).isLessThan(500); // Waiting would take maxWait: 1 s.
    assertThat(sink.dropped()).isEqualTo(1);

    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(delegate::open);
    start = System.nanoTime();
    lines.write(sink, 9, Level.WARN);
    assertThat(millisSince(start)).isGreaterThanOrEqualTo(150L);

    sink.close();
    assertThat(sink.dropped()).isEqualTo(1);
    assertThat(delegate.has(8)).isTrue();
    assertThat(delegate.has(9)).isTrue();
    assertThat(delegate.lines()).isEqualTo(9);
  }

  @Test
  void aDelegateBlockedForeverNeverBlocksCallersForLongerThanOneMaxWait() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink =
        AsyncSink.builder(delegate)
            .maxWait(Duration.ofMillis(200))
            .closeTimeout(Duration.ofMillis(200))
            .build();
    TestLines lines = new TestLines();
    lines.write(sink, 0, Level.INFO);
    assertThat(delegate.awaitEntered(5000)).isTrue();

    List<Thread> workers = new ArrayList<>();
    AtomicLong refused = new AtomicLong();
    AtomicLong refusedInfo = new AtomicLong();
    AtomicLong slowest = new AtomicLong();
    int perThread = 50_000;
    for (int t = 0; t < 4; t++) {
      long base = 1 + (long) t * perThread;
      workers.add(
          new Thread(
              () -> {
                TestLines mine = new TestLines();
                long start = System.nanoTime();
                for (long id = base; id < base + perThread; id++) {
                  try {
                    mine.write(sink, id, levelOf(id));
                  } catch (IOException e) {
                    refused.incrementAndGet();
                    if (levelOf(id) == Level.INFO) {
                      refusedInfo.incrementAndGet();
                    }
                  }
                }
                slowest.accumulateAndGet(millisSince(start), Math::max);
              }));
    }
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }

    assertThat(slowest.get()).as("slowest producer, ms").isLessThan(3000L);
    assertThat(refusedInfo.get()).isZero();
    assertThat(refused.get()).isPositive();
    assertThatThrownBy(sink::close).isInstanceOf(IOException.class);

    delegate.open();
    sink.close();
    assertThat(sink.written() + sink.dropped() + sink.refused()).isEqualTo(1 + 4 * perThread);
    assertThat(delegate.lines()).isEqualTo(sink.written());
  }

  @Test
  void infoCallersFinishQuicklyWhileTheDelegateIsBlocked() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink = AsyncSink.builder(delegate).build();
    long start = System.nanoTime();
    AsyncSinkTest.produce(sink, 4, 100_000, false);

    assertThat(millisSince(start)).as("400,000 INFO lines").isLessThan(3000L);
    assertThat(sink.dropped()).isGreaterThan(390_000);
    delegate.open();
    sink.close();
    assertThat(sink.written() + sink.dropped()).isEqualTo(400_000);
  }

  @Test
  void aThrowingDelegateNeverBreaksCallersAndItsWarnLinesGoToTheFallback() throws Exception {
    try (StderrLines err = new StderrLines()) {
      RecordingSink delegate = new RecordingSink();
      delegate.setFailing(true);
      InMemorySink fallback = Sinks.inMemory();
      AsyncSink sink = AsyncSink.builder(delegate).fallback(fallback).build();
      TestLines lines = new TestLines();
      for (int i = 0; i < 1000; i++) {
        lines.write(sink, i, levelOf(i));
      }
      sink.flush();

      assertThat(sink.writeFailures()).isEqualTo(1000);
      assertThat(sink.written()).isZero();
      assertThat(fallback.lines()).hasSize(120);
      assertThat(fallback.lines()).allMatch(l -> levelOf(TestLines.id(l)) != Level.INFO);

      delegate.setFailing(false);
      for (int i = 1000; i < 1010; i++) {
        lines.write(sink, i, Level.INFO);
      }
      sink.close();
      assertThat(sink.written()).isEqualTo(10);
      assertThat(delegate.lines()).isEqualTo(10);
    }
  }

  @Test
  void aDelegateThatThrowsPerLineIsCountedPerLine() throws Exception {
    try (StderrLines err = new StderrLines()) {
      InMemorySink delegate = Sinks.inMemory();
      delegate.failNext(3);
      AsyncSink sink = AsyncSink.builder(delegate).fallback(Sinks.discarding()).build();
      TestLines lines = new TestLines();
      for (int i = 0; i < 10; i++) {
        lines.write(sink, i, Level.INFO);
      }
      sink.close();

      assertThat(sink.writeFailures()).isEqualTo(3);
      assertThat(sink.written()).isEqualTo(7);
      assertThat(delegate.lines()).hasSize(7);
      assertThat(delegate.isClosed()).isTrue();
    }
  }

  static AsyncSink blockingSink(RecordingSink delegate, Duration maxWait) throws IOException {
    AsyncSink sink =
        AsyncSink.builder(delegate)
            .capacity(8)
            .overflowPolicy(OverflowPolicy.BLOCK)
            .maxWait(maxWait)
            .build();
    TestLines lines = new TestLines();
    for (int i = 0; i < 7; i++) {
      lines.write(sink, i, Level.INFO);
    }
    return sink;
  }

  @Test
  void blockPolicyMakesInfoWaitForRoom() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink = blockingSink(delegate, Duration.ofSeconds(10));

    CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS).execute(delegate::open);
    long start = System.nanoTime();
    new TestLines().write(sink, 7, Level.INFO);
    assertThat(millisSince(start)).isGreaterThanOrEqualTo(100L);
    sink.close();

    assertThat(sink.dropped()).isZero();
    assertThat(delegate.lines()).isEqualTo(8);
  }

  @Test
  void blockPolicyMakesEveryCallerWaitMaxWaitWhileTheWriterIsStuck() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink = blockingSink(delegate, Duration.ofMillis(300));
    TestLines lines = new TestLines();

    for (int i = 7; i < 10; i++) {
      long start = System.nanoTime();
      lines.write(sink, i, Level.INFO);
      assertThat(millisSince(start)).as("caller %s", i).isBetween(250L, 5000L);
    }
    assertThat(sink.dropped()).isEqualTo(3);

    delegate.open();
    sink.close();
    assertThat(delegate.lines()).isEqualTo(7);
  }

  @Test
  void aLineLongerThanAQuarterOfTheArenaIsDroppedAndRefusedIfWarn() throws Exception {
    InMemorySink delegate = Sinks.inMemory();
    AsyncSink sink = AsyncSink.builder(delegate).bufferBytes(4096).build();
    byte[] longLine = ("{\"p\":\"" + "x".repeat(1100) + "\"}\n").getBytes(US_ASCII);
    sink.write(Level.INFO, longLine, 0, longLine.length);
    assertThatThrownBy(() -> sink.write(Level.ERROR, longLine, 0, longLine.length))
        .hasMessageContaining("longer than 1024");
    byte[] fits = ("{\"p\":\"" + "x".repeat(1000) + "\"}\n").getBytes(US_ASCII);
    sink.write(Level.INFO, fits, 0, fits.length);
    sink.close();

    assertThat(sink.dropped()).isEqualTo(1);
    assertThat(sink.refused()).isEqualTo(1);
    assertThat(delegate.lines()).hasSize(1);
  }

  @Test
  void theDropReporterIsToldEveryDropOnceFromTheWriterThread() throws Exception {
    RecordingSink delegate = new RecordingSink().delayPerCall(20_000);
    List<Long> reports = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    AsyncSink sink =
        AsyncSink.builder(delegate.perLine())
            .capacity(32)
            .dropReporter(
                n -> {
                  reports.add(n);
                  threads.add(Thread.currentThread().getName());
                })
            .dropReportInterval(Duration.ofMillis(20))
            .build();
    TestLines lines = new TestLines();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    for (long i = 0; System.nanoTime() < end; i++) {
      lines.write(sink, i, Level.INFO);
      if (i % 1000 == 0) {
        Thread.sleep(1);
      }
    }
    sink.close();

    assertThat(reports).hasSizeGreaterThan(2).allMatch(n -> n > 0);
    assertThat(reports.stream().mapToLong(Long::longValue).sum()).isEqualTo(sink.dropped());
    assertThat(threads).containsOnly("correlog-async-writer");
  }

  @Test
  void aDropReporterLoggingThroughTheFullSinkItselfNeverWaitsOnItself() throws Exception {
    RecordingSink delegate = new RecordingSink().delayPerCall(50_000);
    AsyncSink[] self = new AsyncSink[1];
    TestLines reportLine = new TestLines();
    AtomicLong reported = new AtomicLong();
    self[0] =
        AsyncSink.builder(delegate.perLine())
            .capacity(16)
            .maxWait(Duration.ofSeconds(20))
            .dropReportInterval(Duration.ofMillis(10))
            .dropReporter(
                n -> {
                  reported.addAndGet(n);
                  try {
                    reportLine.write(self[0], 9_999_999, Level.WARN);
                  } catch (IOException e) {
                    // Queue full: the writer thread must not wait for itself.
                  }
                })
            .build();
    AsyncSink sink = self[0];
    long start = System.nanoTime();
    List<Thread> producers = new ArrayList<>();
    for (Level level : new Level[] {Level.INFO, Level.WARN}) {
      producers.add(
          new Thread(
              () -> {
                TestLines lines = new TestLines();
                try {
                  for (long i = 0; millisSince(start) < 300; i++) {
                    lines.write(sink, level == Level.INFO ? i : 5_000_000 + i, level);
                  }
                } catch (IOException e) {
                  throw new AssertionError(e);
                }
              }));
    }
    producers.forEach(Thread::start);
    for (Thread p : producers) {
      p.join();
    }
    sink.close();

    assertThat(millisSince(start)).isLessThan(5000L);
    assertThat(reported.get()).isEqualTo(sink.dropped()).isPositive();
  }
}
