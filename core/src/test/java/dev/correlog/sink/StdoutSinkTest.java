package dev.correlog.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Level;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link Sinks#stdout()} in a child JVM, whose standard output is a pipe to this test. */
class StdoutSinkTest {
  private static final int THREADS = 4;
  private static final int LINES = 3000;
  private static final Pattern LINE =
      Pattern.compile("\\{\"t\":(\\d+),\"i\":(\\d+),\"pad\":\"(x*)\"}");

  @TempDir Path dir;

  /** Pad lengths up to 9000 bytes: past the 4096 bytes a pipe writes atomically. */
  static int padLength(int thread, int i) {
    return (i * 37 + thread * 101) % 9000;
  }

  /** Child: {@code THREADS} threads each write {@code LINES} lines through Sinks.stdout(). */
  public static final class ManyThreads {
    public static void main(String[] args) throws Exception {
      Thread[] threads = new Thread[THREADS];
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        threads[t] =
            new Thread(
                () -> {
                  for (int i = 0; i < LINES; i++) {
                    String line =
                        "{\"t\":"
                            + thread
                            + ",\"i\":"
                            + i
                            + ",\"pad\":\""
                            + "x".repeat(padLength(thread, i))
                            + "\"}\n";
                    byte[] bytes = line.getBytes(UTF_8);
                    try {
                      Sinks.stdout().write(Level.INFO, bytes, 0, bytes.length);
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
    }
  }

  /** Child: writes until stdout fails, then checks that later writes fail too, without hanging. */
  public static final class ClosedStdout {
    public static void main(String[] args) {
      byte[] line = ("{\"pad\":\"" + "x".repeat(200) + "\"}\n").getBytes(UTF_8);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      int written = 0;
      while (true) {
        try {
          Sinks.stdout().write(Level.ERROR, line, 0, line.length);
          written++;
        } catch (IOException e) {
          System.err.println("first failure after " + written + " lines: " + e.getMessage());
          break;
        }
        if (System.nanoTime() > deadline) {
          System.err.println("stdout never failed");
          System.exit(2);
        }
      }
      int failures = 0;
      for (int i = 0; i < 3; i++) {
        try {
          Sinks.stdout().write(Level.ERROR, line, 0, line.length);
        } catch (IOException e) {
          failures++;
        }
      }
      System.err.println("later writes failed " + failures + " of 3");
    }
  }

  @Test
  void linesWrittenFromManyThreadsArriveWholeAndOnce() throws Exception {
    Path err = dir.resolve("stderr.txt");
    Process p = ChildJvm.start(ManyThreads.class, err);
    BitSet seen = new BitSet(THREADS * LINES);
    int lines = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        Matcher m = LINE.matcher(line);
        assertThat(m.matches()).as("whole line, got %.120s", line).isTrue();
        int t = Integer.parseInt(m.group(1));
        int i = Integer.parseInt(m.group(2));
        assertThat(m.group(3)).hasSize(padLength(t, i));
        assertThat(seen.get(t * LINES + i)).as("duplicate %s:%s", t, i).isFalse();
        seen.set(t * LINES + i);
        lines++;
      }
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(ChildJvm.read(err)).isZero();
    assertThat(lines).isEqualTo(THREADS * LINES);
    assertThat(seen.cardinality()).isEqualTo(THREADS * LINES);
  }

  @Test
  void writesThrowOnceStdoutIsClosedAndKeepThrowingWithoutHanging() throws Exception {
    Path err = dir.resolve("stderr.txt");
    Process p = ChildJvm.start(ClosedStdout.class, err);
    p.getInputStream().close(); // The child's stdout now has no reader: writes get EPIPE.

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String stderr = ChildJvm.read(err);
    assertThat(p.exitValue()).as(stderr).isZero();
    assertThat(stderr).contains("first failure after").contains("later writes failed 3 of 3");
  }
}
