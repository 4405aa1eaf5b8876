package dev.correlog.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.Level;
import dev.correlog.sink.Sink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whatever a sink throws, the caller gets no throwable (but ThreadDeath) and nothing is lost. */
class SinkGuardTest {
  private final ByteArrayOutputStream copies = new ByteArrayOutputStream();
  private StderrCapture err;

  @BeforeEach
  void capture() {
    err = new StderrCapture();
    Reporter.redirectLineCopies(copies);
  }

  @AfterEach
  void restore() {
    Reporter.redirectLineCopies(null);
    err.close();
  }

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
          () -> new IOException("io"),
          () -> new IllegalStateException("runtime"),
          () -> new AssertionError("assertion"),
          () -> new InternalError("internal"),
          () -> new OutOfMemoryError("sink buffer"),
          StackOverflowError::new,
          () -> new NoClassDefFoundError("linkage"),
          Hostile::new,
          () -> new Error((String) null));

  static Sink throwing(Supplier<Throwable> t) {
    return (level, line, off, len) -> sneakyThrow(t.get());
  }

  @SuppressWarnings("unchecked")
  static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  static byte[] line(String level, int i) {
    return ("{\"level\":\"" + level + "\",\"i\":" + i + "}\n").getBytes(UTF_8);
  }

  @Test
  void everyThrowableButThreadDeathIsASinkFailureCountedWithWarnAndErrorCopied() {
    int i = 0;
    for (Supplier<Throwable> t : THROWABLES) {
      Metrics metrics = new Metrics();
      SinkGuard guard = new SinkGuard(throwing(t), metrics);
      for (Level level : Level.values()) {
        byte[] l = line(level.name(), i++);
        assertThat(guard.write(level, l, 0, l.length)).isFalse();
      }
      assertThat(metrics.sinkFailures.sum()).as("%s", t.get().getClass()).isEqualTo(5);
      assertThat(metrics.dropped.sum()).isZero();
    }
    String copied = copies.toString(UTF_8);
    assertThat(copied.lines()).hasSize(2 * THROWABLES.size());
    assertThat(copied.lines()).allMatch(l -> l.contains("WARN") || l.contains("ERROR"));
    assertThat(err.text()).contains(Hostile.class.getName());
  }

  @Test
  void threadDeathIsRethrownAfterTheLineIsCountedAndCopied() {
    Metrics metrics = new Metrics();
    SinkGuard guard = new SinkGuard(throwing(ThreadDeath::new), metrics);
    byte[] l = line("ERROR", 1);
    assertThatThrownBy(() -> guard.write(Level.ERROR, l, 0, l.length))
        .isInstanceOf(ThreadDeath.class);
    assertThat(metrics.sinkFailures.sum()).isEqualTo(1);
    assertThat(copies.toString(UTF_8)).contains("\"i\":1");
  }

  @Test
  void aLineTheSinkDiscardsByPolicyIsCountedAsDroppedNotTaken() {
    Metrics metrics = new Metrics();
    Sink dropping =
        new Sink() {
          @Override
          public void write(Level level, byte[] line, int offset, int length) {}

          @Override
          public boolean offer(Level level, byte[] line, int offset, int length) {
            return false;
          }
        };
    SinkGuard guard = new SinkGuard(dropping, metrics);
    byte[] l = line("INFO", 1);
    assertThat(guard.write(Level.INFO, l, 0, l.length)).isFalse();
    assertThat(metrics.dropped.sum()).isEqualTo(1);
    assertThat(metrics.sinkFailures.sum()).isZero();
  }

  @Test
  void aSinkFailingOnEveryOtherLineGivesAtMostOneNoticePerInterval() throws Exception {
    Metrics metrics = new Metrics();
    boolean[] fail = {false};
    Sink flaky =
        (level, line, off, len) -> {
          fail[0] = !fail[0];
          if (fail[0]) {
            throw new IOException("queue full");
          }
        };
    long interval = TimeUnit.MILLISECONDS.toNanos(200);
    SinkGuard guard = new SinkGuard(flaky, metrics, interval);
    byte[] l = line("WARN", 1);
    long start = System.nanoTime();
    int lines = 0;
    while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1000)) {
      guard.write(Level.WARN, l, 0, l.length);
      lines++;
      if (lines % 100 == 0) {
        Thread.sleep(1);
      }
    }
    long elapsed = System.nanoTime() - start;
    guard.close();

    assertThat(metrics.sinkFailures.sum()).isEqualTo((lines + 1) / 2);
    long notices = err.linesContaining("correlog: sink");
    assertThat(notices).isBetween(2L, 2 + elapsed / interval); // + the summary on close
    assertThat(err.text()).doesNotContain("recovered\ncorrelog: sink " + flaky + " failed (");
  }
}
