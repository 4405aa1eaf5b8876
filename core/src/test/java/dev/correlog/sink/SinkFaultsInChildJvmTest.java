package dev.correlog.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.correlog.Correlog;
import dev.correlog.Level;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults that need a process of their own: a signal during load, a slow delegate and a dying one
 * with the JVM exiting under them, a file system that fails after N bytes. Each child's stderr goes
 * to a file, read back here.
 */
@Timeout(60)
class SinkFaultsInChildJvmTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Child: logs from 4 threads through an async file sink until it is killed by SIGTERM. */
  public static final class LogUntilSigterm {
    public static void main(String[] args) throws Exception {
      AsyncSink sink = AsyncSink.builder(Sinks.file(Path.of(args[0]))).build();
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      ChildLoad.run(ChildLoad.correlog(sink), 4, -1, out);
    }
  }

  /** Child: 20,000 events through a delegate taking 1 ms a line; exits without closing. */
  public static final class SlowDelegateThenExit {
    public static void main(String[] args) throws Exception {
      FileSink file = Sinks.file(Path.of(args[0]));
      Sink slow =
          new Sink() {
            @Override
            public void write(Level level, byte[] line, int offset, int length) throws IOException {
              LockSupport.parkNanos(1_000_000);
              file.write(level, line, offset, length);
            }

            @Override
            public void flush() throws IOException {
              file.flush();
            }
          };
      AsyncSink sink =
          AsyncSink.builder(slow).capacity(1024).maxWait(Duration.ofMillis(200)).build();
      Correlog c = ChildLoad.correlog(sink);
      ChildLoad.run(c, 4, 5_000, null);
      ChildLoad.printCounters(c.counters());
    }
  }

  /**
   * Child: a delegate that throws a different throwable every fifth line (one whose toString()
   * throws among them); half-way the writer thread itself is stopped. Exits without closing.
   */
  public static final class DyingDelegateThenExit {
    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws Exception {
      FileSink file = Sinks.file(Path.of(args[0]));
      int[] calls = {0};
      Sink dying =
          (level, line, offset, length) -> {
            int n = calls[0]++;
            if (n % 5 == 4) {
              Throwable t =
                  AsyncSinkFaultTest.THROWABLES
                      .get(n / 5 % AsyncSinkFaultTest.THROWABLES.size())
                      .get();
              // Once direct, the delegate runs on the logging thread, where a ThreadDeath means
              // that thread is stopped and is rethrown: thrown here it would stop the producers.
              AsyncSinkFaultTest.sneakyThrow(
                  t instanceof ThreadDeath ? new AsyncSinkFaultTest.Hostile() : t);
            }
            file.write(level, line, offset, length);
          };
      AsyncSink sink = AsyncSink.builder(dying).build();
      Correlog c = ChildLoad.correlog(sink);
      ChildLoad.run(c, 2, 2_000, null);
      sink.flush();
      Thread writer = sink.writerThread();
      while (!sink.isDirect()) {
        if (writer.getState() == Thread.State.TIMED_WAITING) {
          writer.stop(); // Parked with nothing to do, holding no lock.
        }
        Thread.sleep(2);
      }
      ChildLoad.run(c, 2, 2_000, null); // Ids repeat: the same events again, written directly.
      ChildLoad.printCounters(c.counters());
    }
  }

  /** Child: 3,000 events to a file limited to 64 KiB (about 250 lines) by {@code ulimit -f}. */
  public static final class FullDisk {
    public static void main(String[] args) throws Exception {
      Path path = Path.of(args[0]);
      Sink sink;
      switch (args[1]) {
        case "unbuffered":
          sink = Sinks.file(path);
          break;
        case "buffered":
          sink = FileSink.builder(path).bufferSize(4096).build();
          break;
        default:
          sink = Sinks.async(FileSink.builder(path).bufferSize(4096).build());
      }
      Correlog c = ChildLoad.correlog(sink);
      ChildLoad.run(c, 1, 3_000, null);
      ChildLoad.printCounters(c.counters());
      c.close();
      if (sink instanceof AsyncSink) {
        AsyncSink async = (AsyncSink) sink;
        System.out.println("W " + async.written() + " " + async.writeFailures());
      }
    }
  }

  /** Events in the file by id; every line must be whole JSON. */
  private static Set<Long> ids(Path file, Level atLeast) throws IOException {
    Set<Long> ids = new HashSet<>();
    if (!Files.exists(file)) {
      return ids;
    }
    String text = Files.readString(file);
    assertThat(text.isEmpty() || text.endsWith("\n")).as("ends with a whole line").isTrue();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      if (node.has("i") && Level.valueOf(node.get("level").asText()).isAtLeast(atLeast)) {
        ids.add(node.get("i").asLong());
      }
    }
    return ids;
  }

  /** WARN and ERROR events copied to stderr (lines that are JSON events). */
  private static Set<Long> idsOnStderr(Path err) throws IOException {
    Set<Long> ids = new HashSet<>();
    for (String line : ChildJvm.read(err).split("\n")) {
      if (line.startsWith("{\"timestamp\"")) {
        JsonNode node = JSON.readTree(line);
        ids.add(node.get("i").asLong());
      }
    }
    return ids;
  }

  private static Set<Long> expectedImportant(int threads, long perThread) {
    Set<Long> ids = new HashSet<>();
    for (int t = 0; t < threads; t++) {
      for (long i = t * 1_000_000_000L; i < t * 1_000_000_000L + perThread; i++) {
        if (ChildLoad.levelOf(i) != Level.INFO) {
          ids.add(i);
        }
      }
    }
    return ids;
  }

  private static long[] counters(String stdout) {
    String line = stdout.lines().filter(l -> l.startsWith("C ")).findFirst().orElseThrow();
    String[] p = line.split(" ");
    return new long[] {Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3])};
  }

  private static String finish(Process p, Path err) throws Exception {
    if (!p.waitFor(45, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish: " + ChildJvm.read(err));
    }
    ChildJvm.awaitStderr(p);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(ChildJvm.read(err)).isZero();
    return out;
  }

  @Test
  void sigtermDuringLoadLosesNoWarnOrErrorLineAcceptedBeforeTheSignal() throws Exception {
    Path log = dir.resolve("app.log");
    Path err = dir.resolve("stderr.txt");
    Process p = ChildJvm.start(LogUntilSigterm.class, err, log.toString());
    Set<Long> accepted = ConcurrentHashMap.newKeySet();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                  if (l.startsWith("A ")) {
                    accepted.add(Long.parseLong(l.substring(2)));
                  }
                }
              } catch (IOException e) {
                // The child is gone.
              }
            });
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (accepted.size() < 5_000 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);

    assertThat(accepted).hasSizeGreaterThanOrEqualTo(5_000);
    Set<Long> inFile = ids(log, Level.WARN);
    Set<Long> missing = new HashSet<>(accepted);
    missing.removeAll(inFile);
    assertThat(missing).as(ChildJvm.read(err)).isEmpty();
  }

  @Test
  void aSlowDelegateLosesNoWarnOrErrorLineAndTheCountersAddUp() throws Exception {
    Path log = dir.resolve("app.log");
    Path err = dir.resolve("stderr.txt");
    String out = finish(ChildJvm.start(SlowDelegateThenExit.class, err, log.toString()), err);

    Set<Long> expected = expectedImportant(4, 5_000);
    assertThat(expected).hasSize(2_400);
    assertThat(ids(log, Level.WARN)).containsAll(expected);
    long[] c = counters(out);
    assertThat(c[0] + c[1]).as("emitted + dropped").isEqualTo(20_000);
    assertThat(c[2]).as("sink failures").isZero();
    assertThat(ids(log, Level.TRACE)).hasSize((int) c[0]);
  }

  @Test
  void aDyingDelegateAndAStoppedWriterLoseNoWarnOrErrorLine() throws Exception {
    Path log = dir.resolve("app.log");
    Path err = dir.resolve("stderr.txt");
    String out = finish(ChildJvm.start(DyingDelegateThenExit.class, err, log.toString()), err);

    Set<Long> saved = ids(log, Level.WARN);
    saved.addAll(idsOnStderr(err));
    assertThat(saved).containsAll(expectedImportant(2, 2_000));
    assertThat(ChildJvm.read(err))
        .contains("asynchronous writer stopped")
        .contains(AsyncSinkFaultTest.Hostile.class.getName());
    assertThat(counters(out)[0] + counters(out)[1] + counters(out)[2]).isEqualTo(8_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"unbuffered", "buffered", "async"})
  void aFullDiskLosesNoWarnOrErrorLineAndCountsEveryFailure(String mode) throws Exception {
    Path log = dir.resolve("app.log");
    Path err = dir.resolve("stderr.txt");
    Process p = ChildJvm.startWithFileSizeLimit(FullDisk.class, err, 64, log.toString(), mode);
    String out = finish(p, err);

    Set<Long> inFile = ids(log, Level.TRACE);
    assertThat(inFile).hasSizeBetween(1, 200);
    assertThat(Files.size(log)).isLessThanOrEqualTo(64 * 1024);
    Set<Long> saved = ids(log, Level.WARN);
    saved.addAll(idsOnStderr(err));
    assertThat(saved).as(ChildJvm.read(err)).containsAll(expectedImportant(1, 3_000));
    long[] c = counters(out);
    if (mode.equals("async")) {
      String w = out.lines().filter(l -> l.startsWith("W ")).findFirst().orElseThrow();
      long written = Long.parseLong(w.split(" ")[1]);
      long failed = Long.parseLong(w.split(" ")[2]);
      assertThat(written + failed).isEqualTo(3_000);
      assertThat(failed).isGreaterThanOrEqualTo(3_000 - inFile.size() - bufferedAtClose(err));
    } else {
      assertThat(c[0] + c[2]).isEqualTo(3_000);
      assertThat(c[2]).isGreaterThanOrEqualTo(3_000 - inFile.size() - bufferedAtClose(err));
    }
  }

  /** Lines a buffered file sink copied to stderr at close, when it said so. */
  private static long bufferedAtClose(Path err) throws IOException {
    List<String> lines = ChildJvm.read(err).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("buffered bytes could not be written at close")) {
        return lines.subList(i + 1, lines.size()).stream()
            .filter(l -> l.startsWith("{\"timestamp\""))
            .count();
      }
    }
    return 0;
  }
}
