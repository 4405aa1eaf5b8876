package dev.correlog.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Level;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer survives whatever its delegate throws, and if it dies anyway nothing is dropped. */
@Timeout(60)
class AsyncSinkFaultTest {
  /** An exception whose toString() and getMessage() throw. */
  static final class Hostile extends RuntimeException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("toString");
    }
  }

  static final List<Supplier<Throwable>> THROWABLES =
      List.of(
          Hostile::new,
          () -> new IOException("io"),
          () -> new AssertionError("assertion"),
          () -> new InternalError("internal"),
          () -> new OutOfMemoryError("delegate buffer"),
          StackOverflowError::new,
          ThreadDeath::new,
          () -> new NoClassDefFoundError("linkage"));

  @SuppressWarnings("unchecked")
  static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  /** Throws one of {@link #THROWABLES} on every third line, in turn, and interrupts the writer. */
  static final class DyingSink implements Sink {
    final InMemorySink kept = new InMemorySink();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void write(Level level, byte[] line, int offset, int length) throws IOException {
      int n = calls.getAndIncrement();
      if (n % 3 == 1) {
        Thread.currentThread().interrupt();
        sneakyThrow(THROWABLES.get((n / 3) % THROWABLES.size()).get());
      }
      kept.write(level, line, offset, length);
    }

    @Override
    public String toString() {
      throw new Hostile(); // Even naming the delegate fails.
    }
  }

  @Test
  void theWriterSurvivesEveryThrowableFromItsDelegateAndItsWarnLinesReachTheFallback()
      throws Exception {
    DyingSink delegate = new DyingSink();
    InMemorySink fallback = Sinks.inMemory();
    try (StderrLines err = new StderrLines()) {
      AsyncSink sink = AsyncSink.builder(delegate).fallback(fallback).shutdownHook(false).build();
      TestLines lines = new TestLines();
      int sent = 3000;
      for (int i = 0; i < sent; i++) {
        lines.write(sink, i, i % 2 == 0 ? Level.WARN : Level.INFO);
        if (i % 100 == 0) {
          sink.flush();
        }
      }
      sink.close();

      assertThat(sink.isDirect()).isFalse();
      assertThat(sink.written() + sink.writeFailures()).isEqualTo(sent);
      assertThat(sink.writeFailures()).isEqualTo(sent / 3);
      long warnFailed =
          fallback.lines().stream().filter(l -> TestLines.level(l.getBytes(), 0) == 'W').count();
      long warnKept = delegate.kept.lines().stream().filter(l -> l.contains("\"l\":\"W\"")).count();
      assertThat(warnFailed + warnKept).isEqualTo(sent / 2);
      assertThat(err.text()).contains(DyingSink.class.getName()).contains("failed (");
    }
  }

  @Test
  @SuppressWarnings("deprecation") // Thread.stop: the only way to kill the writer from outside.
  void whenTheWriterDiesLaterLinesGoDirectlyToTheDelegateAndNothingIsDropped() throws Exception {
    RecordingSink delegate = new RecordingSink();
    InMemorySink fallback = Sinks.inMemory();
    try (StderrLines err = new StderrLines()) {
      AsyncSink sink =
          AsyncSink.builder(delegate.perLine())
              .capacity(64)
              .fallback(fallback)
              .shutdownHook(false)
              .build();
      TestLines lines = new TestLines();
      for (int i = 0; i < 40; i++) {
        lines.write(sink, i, Level.WARN);
      }
      sink.flush();
      Thread writer = sink.writerThread();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!sink.isDirect() && System.nanoTime() < deadline) {
        if (writer.getState() == Thread.State.TIMED_WAITING) {
          writer.stop(); // Lands while the writer is parked: it escapes the loop.
        }
        Thread.sleep(5);
      }
      assertThat(sink.isDirect()).isTrue();
      writer.join(10_000); // It goes direct first, then reports: wait for the report.
      assertThat(err.text()).contains("asynchronous writer stopped");

      for (int i = 40; i < 100; i++) {
        lines.write(sink, i, i % 2 == 0 ? Level.ERROR : Level.INFO);
      }
      sink.flush();
      for (int i = 0; i < 100; i++) {
        assertThat(delegate.has(i)).as("line %s", i).isTrue();
      }
      assertThat(delegate.lines()).isEqualTo(100);
      assertThat(fallback.size()).isZero();
      assertThat(sink.dropped() + sink.refused()).isZero();
      sink.close();
      assertThat(delegate.isClosed()).isTrue();
    }
  }

  /** One line per call, each taking {@code micros} asleep (not spinning: the machine is shared). */
  static Sink slow(RecordingSink delegate, long micros) {
    Sink perLine = delegate.perLine();
    return new Sink() {
      @Override
      public void write(Level level, byte[] line, int offset, int length) throws IOException {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
        perLine.write(level, line, offset, length);
      }

      @Override
      public void flush() throws IOException {
        perLine.flush();
      }

      @Override
      public void close() throws IOException {
        perLine.close();
      }
    };
  }

  @Test
  void roomIsFreedLineByLineSoWarnLinesWaitingBehindASlowDelegateAreNeverRefused()
      throws Exception {
    RecordingSink delegate = new RecordingSink();
    // A batch is 256 lines: at least 256 ms at 1 ms a line, more than maxWait.
    AsyncSink sink =
        AsyncSink.builder(slow(delegate, 1000))
            .capacity(1024)
            .maxWait(Duration.ofMillis(200))
            .closeTimeout(Duration.ofSeconds(20))
            .shutdownHook(false)
            .build();
    int sent = 4 * 2500;
    AsyncSinkOverflowTest.produce(sink, 4, 2500);
    sink.close();

    long important = 0;
    for (long id = 0; id < sent; id++) {
      if (AsyncSinkOverflowTest.levelOf(id) != Level.INFO) {
        important++;
        assertThat(delegate.has(id)).as("WARN/ERROR line %s", id).isTrue();
      }
    }
    assertThat(important).isEqualTo(1200);
    assertThat(sink.refused()).isZero();
    assertThat(sink.written() + sink.dropped()).isEqualTo(sent);
  }

  @Test
  void blockMakesEveryCallerWaitWhileASlowDelegateFreesRoomSoNothingIsDropped() throws Exception {
    RecordingSink delegate = new RecordingSink();
    AsyncSink sink =
        AsyncSink.builder(slow(delegate, 1000))
            .capacity(1024)
            .overflowPolicy(OverflowPolicy.BLOCK)
            // A wait without progress may last 2 s (500 ms dropped a line at load 20); the
            // 4,800 lines take at least 4.8 s, so callers still wait well past maxWait in all.
            .maxWait(Duration.ofSeconds(2))
            .closeTimeout(Duration.ofSeconds(20))
            .shutdownHook(false)
            .build();
    AsyncSinkOverflowTest.produce(sink, 4, 1200);
    sink.close();

    assertThat(sink.dropped()).isZero();
    assertThat(sink.refused()).isZero();
    assertThat(delegate.lines()).isEqualTo(4800);
    assertThat(delegate.duplicates()).isZero();
  }
}
