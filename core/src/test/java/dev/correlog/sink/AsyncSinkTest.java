package dev.correlog.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.Level;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AsyncSinkTest {
  private static final Level[] LEVELS = Level.values();

  /** Runs {@code threads} producers, each writing ids {@code t*perThread ..} with the levels. */
  static void produce(Sink sink, int threads, int perThread, boolean mixedLevels)
      throws InterruptedException {
    List<Thread> workers = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long base = (long) t * perThread;
      workers.add(
          new Thread(
              () -> {
                TestLines lines = new TestLines();
                try {
                  for (int i = 0; i < perThread; i++) {
                    Level level = mixedLevels ? LEVELS[i % LEVELS.length] : Level.INFO;
                    lines.write(sink, base + i, level);
                  }
                } catch (Throwable e) {
                  synchronized (errors) {
                    errors.add(e);
                  }
                }
              }));
    }
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }
    assertThat(errors).isEmpty();
  }

  static long writerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("correlog-async-writer") && t.isAlive())
        .count();
  }

  @Test
  void millionLinesFromFourThreadsAreAllWrittenExactlyOnceInBatches() throws Exception {
    RecordingSink delegate = new RecordingSink();
    AsyncSink sink =
        AsyncSink.builder(delegate)
            .overflowPolicy(OverflowPolicy.BLOCK)
            .maxWait(Duration.ofSeconds(30))
            .build();
    produce(sink, 4, 250_000, false);
    sink.close();

    assertThat(delegate.lines()).isEqualTo(1_000_000);
    assertThat(delegate.ids().cardinality()).isEqualTo(1_000_000);
    assertThat(delegate.duplicates()).isZero();
    assertThat(sink.written()).isEqualTo(1_000_000);
    assertThat(sink.dropped()).isZero();
    assertThat(sink.writeFailures()).isZero();
    assertThat(sink.queueDepth()).isZero();
    assertThat(delegate.batches()).isLessThan(1_000_000);
    assertThat(delegate.closedAfterFlush()).isTrue();
  }

  @Test
  void aDelegateWithoutBatchesGetsEveryLineWithItsLevel() throws Exception {
    RecordingSink delegate = new RecordingSink();
    AsyncSink sink =
        AsyncSink.builder(delegate.perLine())
            .overflowPolicy(OverflowPolicy.BLOCK)
            .maxWait(Duration.ofSeconds(30))
            .capacity(256)
            .build();
    produce(sink, 4, 50_000, true);
    sink.close();

    assertThat(delegate.ids().cardinality()).isEqualTo(200_000);
    assertThat(delegate.duplicates()).isZero();
    assertThat(delegate.lines(Level.ERROR)).isEqualTo(40_000);
    assertThat(sink.written()).isEqualTo(200_000);
  }

  @Test
  void linesWrapAroundASmallArenaIntact() throws Exception {
    RecordingSink delegate = new RecordingSink();
    // 1000 bytes round up to 1024: 120-byte lines wrap at a different place on every lap.
    AsyncSink sink =
        AsyncSink.builder(delegate)
            .bufferBytes(1000)
            .capacity(64)
            .overflowPolicy(OverflowPolicy.BLOCK)
            .maxWait(Duration.ofSeconds(30))
            .build();
    produce(sink, 2, 20_000, false);
    sink.close();

    assertThat(delegate.ids().cardinality()).isEqualTo(40_000);
    assertThat(delegate.duplicates()).isZero();
  }

  @Test
  void closeWritesEveryQueuedLineThenFlushesAndClosesTheDelegate() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink = AsyncSink.builder(delegate).build();
    TestLines lines = new TestLines();
    for (int i = 0; i < 100; i++) {
      lines.write(sink, i, Level.INFO);
    }
    assertThat(delegate.awaitEntered(5000)).isTrue();
    assertThat(sink.queueDepth()).isEqualTo(100);
    assertThat(delegate.lines()).isZero();

    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(delegate::open);
    sink.close();

    assertThat(delegate.lines()).isEqualTo(100);
    assertThat(delegate.closedAfterFlush()).isTrue();
    assertThat(sink.queueDepth()).isZero();
  }

  @Test
  void writesAfterCloseThrowAndCloseCanBeRepeated() throws IOException {
    RecordingSink delegate = new RecordingSink();
    AsyncSink sink = AsyncSink.builder(delegate).build();
    sink.close();
    sink.close();

    assertThatThrownBy(() -> new TestLines().write(sink, 1, Level.INFO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
    assertThat(delegate.isClosed()).isTrue();
  }

  @Test
  void flushWaitsUntilTheQueuedLinesAreWritten() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink = AsyncSink.builder(delegate).build();
    TestLines lines = new TestLines();
    for (int i = 0; i < 10; i++) {
      lines.write(sink, i, Level.INFO);
    }
    CompletableFuture<Void> flushed =
        CompletableFuture.runAsync(
            () -> {
              try {
                sink.flush();
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
    Thread.sleep(100);
    assertThat(flushed).isNotDone();

    delegate.open();
    flushed.get(5, TimeUnit.SECONDS);
    assertThat(delegate.lines()).isEqualTo(10);
    assertThat(delegate.flushes()).isPositive();
    sink.close();
  }

  @Test
  void flushAndCloseGiveUpAfterCloseTimeoutWhenTheDelegateIsStuck() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink = AsyncSink.builder(delegate).closeTimeout(Duration.ofMillis(100)).build();
    new TestLines().write(sink, 1, Level.INFO);

    long start = System.nanoTime();
    assertThatThrownBy(sink::flush).isInstanceOf(IOException.class).hasMessageContaining("1 lines");
    assertThatThrownBy(sink::close).isInstanceOf(IOException.class).hasMessageContaining("queued");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

    delegate.open();
    sink.close(); // The writer finishes once the delegate moves again.
    assertThat(delegate.lines()).isEqualTo(1);
  }

  @Test
  void shutdownHookIsRegisteredAndCloseRemovesIt() throws IOException {
    AsyncSink sink = AsyncSink.builder(Sinks.discarding()).build();
    Thread hook = sink.shutdownHook();
    assertThat(hook).isNotNull();
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isTrue();
    Runtime.getRuntime().addShutdownHook(hook);

    sink.close();
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
  }

  @Test
  void noShutdownHookWhenDisabled() throws IOException {
    AsyncSink sink = AsyncSink.builder(Sinks.discarding()).shutdownHook(false).build();
    assertThat(sink.shutdownHook()).isNull();
    sink.close();
  }

  @Test
  void theWriterIsANamedDaemonThreadThatEndsOnClose() throws Exception {
    long before = writerThreads();
    AsyncSink sink = AsyncSink.builder(Sinks.discarding()).build();
    assertThat(writerThreads()).isEqualTo(before + 1);
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> t.getName().equals("correlog-async-writer"))
        .allMatch(Thread::isDaemon);
    sink.close();
    assertThat(writerThreads()).isEqualTo(before);
  }

  @Test
  void queuingALineAllocatesNothing() throws Exception {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    DiscardingSink delegate = Sinks.discarding();
    AsyncSink sink =
        AsyncSink.builder(delegate)
            .overflowPolicy(OverflowPolicy.BLOCK)
            .maxWait(Duration.ofSeconds(30))
            .build();
    TestLines lines = new TestLines();
    for (int i = 0; i < 200_000; i++) {
      lines.write(sink, i, Level.INFO); // Warm up.
    }
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 200_000; i++) {
      lines.write(sink, i, Level.INFO);
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    sink.close();

    assertThat(allocated).as("bytes allocated for 200,000 lines").isLessThan(16 * 1024);
    assertThat(delegate.count()).isEqualTo(400_000);
  }

  @Test
  void builderRejectsNonsense() {
    AsyncSink.Builder b = AsyncSink.builder(Sinks.discarding());
    assertThatThrownBy(() -> b.capacity(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.bufferBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxWait(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.dropReportInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AsyncSink.builder(null)).isInstanceOf(NullPointerException.class);
  }
}
