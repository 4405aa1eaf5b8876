package dev.correlog.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.correlog.Level;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A JSON line of exactly {@code length} bytes, newline included, carrying {@code id}. */
  static byte[] line(int id, int length) {
    String head = "{\"id\":" + id + ",\"pad\":\"";
    String pad = "x".repeat(length - head.length() - 3);
    byte[] b = (head + pad + "\"}\n").getBytes(UTF_8);
    assertThat(b).hasSize(length);
    return b;
  }

  static void write(Sink sink, byte[] line) throws IOException {
    sink.write(Level.INFO, line, 0, line.length);
  }

  /** Ids of the lines in {@code file}, each line parsed as JSON. */
  static List<Integer> ids(Path file) throws IOException {
    List<Integer> ids = new ArrayList<>();
    for (String line : Files.readAllLines(file, UTF_8)) {
      JsonNode node = JSON.readTree(line);
      ids.add(node.get("id").asInt());
    }
    return ids;
  }

  /** Ids in every file of the log, oldest file first. */
  static List<Integer> allIds(Path base, int maxFiles) throws IOException {
    List<Integer> ids = new ArrayList<>();
    for (int i = maxFiles; i >= 1; i--) {
      Path rotated = base.resolveSibling(base.getFileName() + "." + i);
      if (Files.exists(rotated)) {
        ids.addAll(ids(rotated));
      }
    }
    ids.addAll(ids(base));
    return ids;
  }

  List<String> fileNames() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted(Comparator.naturalOrder()).toList();
    }
  }

  @Test
  void appendsToAnExistingFileAndCreatesMissingDirectories() throws IOException {
    Path file = dir.resolve("a/b/app.log");
    try (FileSink sink = Sinks.file(file)) {
      write(sink, line(1, 40));
    }
    try (FileSink sink = Sinks.file(file)) {
      write(sink, line(2, 40));
    }

    assertThat(ids(file)).containsExactly(1, 2);
  }

  @Test
  void rotatesBeforeTheFileWouldPassMaxBytes() throws IOException {
    Path file = dir.resolve("app.log");
    try (FileSink sink = Sinks.file(file, 250, 10)) {
      for (int i = 0; i < 5; i++) {
        write(sink, line(i, 100));
      }
    }

    assertThat(fileNames()).containsExactly("app.log", "app.log.1", "app.log.2");
    assertThat(ids(dir.resolve("app.log.2"))).containsExactly(0, 1);
    assertThat(ids(dir.resolve("app.log.1"))).containsExactly(2, 3);
    assertThat(ids(file)).containsExactly(4);
    assertThat(Files.size(dir.resolve("app.log.1"))).isEqualTo(200);
  }

  @Test
  void aLineThatExactlyFillsMaxBytesStaysInTheFile() throws IOException {
    Path file = dir.resolve("app.log");
    try (FileSink sink = Sinks.file(file, 200, 3)) {
      write(sink, line(0, 100));
      write(sink, line(1, 100));
    }

    assertThat(fileNames()).containsExactly("app.log");
  }

  @Test
  void keepsAtMostMaxFilesRotatedFilesDroppingTheOldest() throws IOException {
    Path file = dir.resolve("app.log");
    try (FileSink sink = Sinks.file(file, 100, 2)) {
      for (int i = 0; i < 10; i++) {
        write(sink, line(i, 100));
      }
    }

    assertThat(fileNames()).containsExactly("app.log", "app.log.1", "app.log.2");
    assertThat(allIds(file, 2)).containsExactly(7, 8, 9);
  }

  @Test
  void maxFilesZeroKeepsOnlyTheCurrentFile() throws IOException {
    Path file = dir.resolve("app.log");
    try (FileSink sink = Sinks.file(file, 100, 0)) {
      for (int i = 0; i < 3; i++) {
        write(sink, line(i, 100));
      }
    }

    assertThat(fileNames()).containsExactly("app.log");
    assertThat(ids(file)).containsExactly(2);
  }

  @Test
  void rotatedFilesLeftByAnEarlierRunCountTowardsMaxFiles() throws IOException {
    Path file = dir.resolve("app.log");
    for (int i = 1; i <= 7; i++) {
      Files.write(dir.resolve("app.log." + i), line(100 + i, 50));
    }
    Files.write(dir.resolve("app.log.x"), new byte[] {1}); // Not a rotated file: left alone.
    try (FileSink sink = Sinks.file(file, 100, 3)) {
      assertThat(fileNames())
          .containsExactly("app.log", "app.log.1", "app.log.2", "app.log.3", "app.log.x");
      for (int i = 0; i < 4; i++) {
        write(sink, line(i, 100));
      }
    }

    assertThat(fileNames())
        .containsExactly("app.log", "app.log.1", "app.log.2", "app.log.3", "app.log.x");
    assertThat(allIds(file, 3)).containsExactly(0, 1, 2, 3);
  }

  @Test
  void reopeningContinuesTheSameFileAndRotationBound() throws IOException {
    Path file = dir.resolve("app.log");
    for (int run = 0; run < 3; run++) {
      try (FileSink sink = Sinks.file(file, 250, 2)) {
        for (int i = 0; i < 3; i++) {
          write(sink, line(run * 3 + i, 100));
        }
      }
    }

    assertThat(fileNames()).containsExactly("app.log", "app.log.1", "app.log.2");
    assertThat(allIds(file, 2)).containsExactly(4, 5, 6, 7, 8);
  }

  @Test
  void aBatchIsSplitBetweenLinesNeverInsideOne() throws IOException {
    Path file = dir.resolve("app.log");
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    int[] sizes = {60, 90, 30, 120, 45, 75, 100, 33, 80, 64, 99, 41};
    for (int i = 0; i < sizes.length; i++) {
      batch.write(line(i, sizes[i]));
    }
    byte[] b = batch.toByteArray();
    try (FileSink sink = Sinks.file(file, 200, 20)) {
      sink.writeLines(b, 0, b.length, sizes.length);
    }

    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      expected.add(i);
    }
    assertThat(allIds(file, 20)).isEqualTo(expected);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        assertThat(Files.size(p)).as(p.toString()).isLessThanOrEqualTo(200);
        assertThat(Files.readString(p)).endsWith("\n");
      }
    }
  }

  @Test
  void aLineLongerThanMaxBytesGetsAFileOfItsOwn() throws IOException {
    Path file = dir.resolve("app.log");
    try (FileSink sink = Sinks.file(file, 100, 5)) {
      write(sink, line(0, 50));
      write(sink, line(1, 300));
      write(sink, line(2, 50));
    }

    assertThat(ids(dir.resolve("app.log.2"))).containsExactly(0);
    assertThat(ids(dir.resolve("app.log.1"))).containsExactly(1);
    assertThat(ids(file)).containsExactly(2);
  }

  @Test
  void linesFromManyThreadsAreWholeAcrossRotations() throws Exception {
    Path file = dir.resolve("app.log");
    int threads = 4;
    int perThread = 2000;
    try (FileSink sink = Sinks.file(file, 64 * 1024, 1000)) {
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        workers.add(
            new Thread(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    try {
                      write(sink, line(base + i, 40 + (i * 7) % 200));
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }
                }));
      }
      workers.forEach(Thread::start);
      for (Thread w : workers) {
        w.join();
      }
    }

    assertThat(allIds(file, 1000)).hasSize(threads * perThread).doesNotHaveDuplicates();
  }

  @Test
  void aDeletedDirectoryIsCreatedAgainAndTheLinesLostToItAreCounted() throws IOException {
    Path logs = dir.resolve("logs");
    Path file = logs.resolve("app.log");
    try (StderrLines err = new StderrLines();
        FileSink sink = FileSink.builder(file).checkInterval(Duration.ZERO).build()) {
      write(sink, line(1, 50));
      Files.delete(file);
      Files.delete(logs);

      write(sink, line(2, 50));
      write(sink, line(3, 50));
      assertThat(sink.reopened()).isEqualTo(1);
      assertThat(sink.unlinkedLines()).isEqualTo(1);
      assertThat(err.text())
          .contains("was deleted or moved away while open")
          .contains("up to 1 lines");
    }

    assertThat(ids(file)).containsExactly(2, 3);
  }

  @Test
  void aDeletedDirectoryIsNoticedWithinTheDefaultCheckInterval() throws Exception {
    Path logs = dir.resolve("logs");
    Path file = logs.resolve("app.log");
    try (StderrLines err = new StderrLines();
        FileSink sink = FileSink.builder(file).build()) {
      write(sink, line(1, 50));
      Files.delete(file);
      Files.delete(logs);
      long start = System.nanoTime();
      int id = 2;
      while (!Files.exists(file) && System.nanoTime() - start < 5_000_000_000L) {
        write(sink, line(id++, 50));
        Thread.sleep(1);
      }
      assertThat(file).exists();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000L);
      write(sink, line(id, 50));
      long inNewFile = ids(file).size();
      assertThat(sink.unlinkedLines()).isEqualTo(id - inNewFile);
    }
  }

  @Test
  void aFileDeletedFromOutsideIsRecreated() throws IOException {
    Path file = dir.resolve("app.log");
    try (StderrLines err = new StderrLines();
        FileSink sink = FileSink.builder(file).checkInterval(Duration.ZERO).build()) {
      write(sink, line(1, 50));
      Files.delete(file);
      write(sink, line(2, 50));
      assertThat(sink.unlinkedLines()).isEqualTo(1);
    }

    assertThat(ids(file)).containsExactly(2);
  }

  @Test
  void aFileMovedAwayFromOutsideIsReopenedByName() throws IOException {
    Path file = dir.resolve("app.log");
    try (StderrLines err = new StderrLines();
        FileSink sink = FileSink.builder(file).checkInterval(Duration.ZERO).build()) {
      write(sink, line(1, 50));
      Files.move(file, dir.resolve("moved.log"));
      write(sink, line(2, 50));
    }

    assertThat(ids(dir.resolve("moved.log"))).containsExactly(1);
    assertThat(ids(file)).containsExactly(2);
  }

  @Test
  void bufferedLinesReachTheFileOnFlushAndClose() throws IOException {
    Path file = dir.resolve("app.log");
    FileSink sink = FileSink.builder(file).bufferSize(4096).build();
    write(sink, line(1, 50));
    assertThat(Files.size(file)).isZero();
    sink.flush();
    assertThat(ids(file)).containsExactly(1);
    write(sink, line(2, 50));
    sink.close();

    assertThat(ids(file)).containsExactly(1, 2);
  }

  @Test
  void bufferedLinesAreWrittenWhenTheBufferFills() throws IOException {
    Path file = dir.resolve("app.log");
    try (FileSink sink = FileSink.builder(file).bufferSize(120).build()) {
      write(sink, line(1, 50));
      write(sink, line(2, 50));
      assertThat(Files.size(file)).isZero();
      write(sink, line(3, 50));
      assertThat(ids(file)).containsExactly(1, 2);
    }
  }

  @Test
  void writesAfterCloseThrow() throws IOException {
    FileSink sink = Sinks.file(dir.resolve("app.log"));
    sink.close();

    assertThatThrownBy(() -> write(sink, line(1, 50))).hasMessageContaining("closed");
  }

  @Test
  void buildFailsWhenTheFileCannotBeOpened() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("plain"), "x");

    assertThatThrownBy(() -> Sinks.file(notADirectory.resolve("app.log")))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void rotatingWithMaxFiles999999CostsWhatTheFilesOnDiskCost() throws IOException {
    Path file = dir.resolve("app.log");
    long start = System.nanoTime();
    try (FileSink sink = Sinks.file(file, 100, 999_999)) {
      for (int i = 0; i < 60; i++) {
        write(sink, line(i, 60)); // Each line after the first rotates.
      }
    }
    // With a shift over 999,999 names each rotation took about 11 s; the work is counted in
    // RotatedFilesTest, this bounds the whole in time as a backstop.
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000L);
    assertThat(fileNames()).hasSize(60);
    assertThat(allIds(file, 60)).hasSize(60);
  }
}
