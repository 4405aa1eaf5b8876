package dev.correlog.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exits a child JVM with lines still queued in an asynchronous sink, without closing it. */
class AsyncSinkShutdownTest {
  static final int LINES = 2000;

  @TempDir Path dir;

  /** Child: queues {@code LINES} lines for a slow file sink and returns from main at once. */
  public static final class ExitWithoutClose {
    public static void main(String[] args) throws IOException {
      FileSink file = Sinks.file(Path.of(args[0]));
      Sink slow =
          new Sink() {
            @Override
            public void write(Level level, byte[] line, int offset, int length) throws IOException {
              long end = System.nanoTime() + 250_000;
              while (System.nanoTime() < end) {
                Thread.onSpinWait();
              }
              file.write(level, line, offset, length);
            }
          };
      // The hook's wait is raised from its 5 s default: the slow sink spins 0.5 s of CPU in all,
      // which a loaded machine can stretch past 5 s; this test is about what the hook writes.
      AsyncSink sink =
          AsyncSink.builder(slow)
              .shutdownHook(Boolean.parseBoolean(args[1]))
              .closeTimeout(java.time.Duration.ofSeconds(25))
              .build();
      TestLines lines = new TestLines();
      for (int i = 0; i < LINES; i++) {
        lines.write(sink, i, Level.WARN);
      }
      System.err.println("queued " + sink.queueDepth());
    }
  }

  private long linesWrittenByChild(boolean hook) throws Exception {
    Path log = dir.resolve("app.log");
    Path err = dir.resolve("stderr.txt");
    Process p = ChildJvm.start(ExitWithoutClose.class, err, log.toString(), String.valueOf(hook));
    p.getInputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(ChildJvm.read(err)).isZero();
    assertThat(ChildJvm.read(err)).contains("queued");
    try (var stream = Files.lines(log)) {
      return stream.count();
    }
  }

  @Test
  void theShutdownHookWritesQueuedLinesBeforeTheJvmExits() throws Exception {
    assertThat(linesWrittenByChild(true)).isEqualTo(LINES);
  }

  @Test
  void withoutTheHookLinesStillQueuedAtExitAreLost() throws Exception {
    assertThat(linesWrittenByChild(false)).isLessThan(LINES);
  }

  /** Child: drops lines below WARN from a full queue, logs a WARN from a shutdown hook, exits. */
  public static final class DropThenExit {
    public static void main(String[] args) throws IOException {
      FileSink file = Sinks.file(Path.of(args[0]));
      Sink slow =
          new Sink() {
            @Override
            public void write(Level level, byte[] line, int offset, int length) throws IOException {
              java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
              file.write(level, line, offset, length);
            }
          };
      AsyncSink sink = AsyncSink.builder(slow).capacity(16).build();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      Thread.sleep(500); // After the sink's hook handed over.
                      new TestLines().write(sink, 999_999, Level.WARN);
                    } catch (Exception e) {
                      throw new AssertionError(e);
                    }
                  }));
      TestLines lines = new TestLines();
      for (int i = 0; i < 200; i++) {
        lines.write(sink, i, Level.INFO);
      }
    }
  }

  @Test
  void dropsNotYetReportedAreReportedAtShutdownAndLinesLoggedByLaterHooksAreWritten()
      throws Exception {
    Path log = dir.resolve("app.log");
    Path err = dir.resolve("stderr.txt");
    Process p = ChildJvm.start(DropThenExit.class, err, log.toString());
    p.getInputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(ChildJvm.read(err)).isZero();
    String text = ChildJvm.read(err);
    long written;
    try (var stream = Files.lines(log)) {
      written = stream.filter(l -> !l.contains("0000999999")).count();
    }
    assertThat(text).contains((200 - written) + " lines below WARN were dropped");
    assertThat(Files.readString(log)).contains("0000999999");
  }
}
