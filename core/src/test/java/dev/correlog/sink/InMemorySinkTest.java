package dev.correlog.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.Level;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySinkTest {
  private static void write(Sink sink, String line) throws IOException {
    byte[] bytes = ("xx" + line + "\n").getBytes(UTF_8);
    sink.write(Level.INFO, bytes, 2, bytes.length - 2);
  }

  @Test
  void keepsLinesDecodedWithoutTheFinalNewline() throws IOException {
    InMemorySink sink = Sinks.inMemory();
    write(sink, "{\"message\":\"héllo ✓\"}");
    write(sink, "{\"n\":2}");

    assertThat(sink.lines()).containsExactly("{\"message\":\"héllo ✓\"}", "{\"n\":2}");
    assertThat(sink.size()).isEqualTo(2);
  }

  @Test
  void linesReturnsACopy() throws IOException {
    InMemorySink sink = Sinks.inMemory();
    write(sink, "a");
    List<String> copy = sink.lines();
    write(sink, "b");

    assertThat(copy).containsExactly("a");
  }

  @Test
  void clearForgetsEverything() throws IOException {
    InMemorySink sink = Sinks.inMemory();
    write(sink, "a");
    sink.clear();

    assertThat(sink.lines()).isEmpty();
    assertThat(sink.size()).isZero();
  }

  @Test
  void capacityKeepsTheMostRecentLines() throws IOException {
    InMemorySink sink = new InMemorySink(3);
    for (int i = 0; i < 5; i++) {
      write(sink, "line" + i);
    }

    assertThat(sink.lines()).containsExactly("line2", "line3", "line4");
  }

  @Test
  void failNextMakesExactlyThatManyWritesThrow() throws IOException {
    InMemorySink sink = Sinks.inMemory();
    sink.failNext(2);

    assertThatThrownBy(() -> write(sink, "a"))
        .isInstanceOf(IOException.class)
        .hasMessage("simulated");
    assertThatThrownBy(() -> write(sink, "b")).isInstanceOf(IOException.class);
    write(sink, "c");

    assertThat(sink.lines()).containsExactly("c");
  }

  @Test
  void setFailingMakesEveryWriteThrowUntilCleared() throws IOException {
    InMemorySink sink = Sinks.inMemory();
    sink.setFailing(true);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> write(sink, "x")).hasMessage("simulated");
    }
    sink.setFailing(false);
    write(sink, "y");

    assertThat(sink.lines()).containsExactly("y");
  }

  @Test
  void closeIsRecorded() {
    InMemorySink sink = Sinks.inMemory();
    assertThat(sink.isClosed()).isFalse();
    sink.close();
    assertThat(sink.isClosed()).isTrue();
  }

  @Test
  void keepsEveryLineWrittenFromManyThreads() throws Exception {
    InMemorySink sink = Sinks.inMemory();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  try {
                    write(sink, id + ":" + i);
                  } catch (IOException e) {
                    throw new AssertionError(e);
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }

    assertThat(sink.lines()).hasSize(4000).doesNotHaveDuplicates().contains("3:999", "0:0");
  }

  @Test
  void rejectsCapacityBelowOne() {
    assertThatThrownBy(() -> new InMemorySink(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void discardingSinkCountsLinesAndBatches() {
    DiscardingSink sink = Sinks.discarding();
    byte[] line = "{}\n".getBytes(UTF_8);
    sink.write(Level.INFO, line, 0, line.length);
    sink.countLines(line, 0, line.length, 7);

    assertThat(sink.count()).isEqualTo(8);
  }
}
