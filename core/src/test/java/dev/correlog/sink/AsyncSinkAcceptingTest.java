package dev.correlog.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Level;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AsyncSink#accepting}: false only when a line below WARN would be dropped now. */
@Timeout(60)
class AsyncSinkAcceptingTest {
  /**
   * Writes INFO lines into a sink whose writer is stuck until one is dropped; returns the count.
   */
  private static long fillUntilDropped(AsyncSink sink) throws Exception {
    TestLines lines = new TestLines();
    long sent = 0;
    while (offer(sink, lines, sent)) {
      sent++;
      assertThat(sent).as("lines queued before the first drop").isLessThan(100);
    }
    return sent;
  }

  private static boolean offer(AsyncSink sink, TestLines lines, long id) throws Exception {
    boolean[] taken = new boolean[1];
    lines.write((level, b, off, len) -> taken[0] = sink.offer(level, b, off, len), id, Level.INFO);
    return taken[0];
  }

  @Test
  void afterADrop_belowWarnIsNotAccepted_andEachRefusalCountsAsADrop() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink = AsyncSink.builder(delegate.perLine()).capacity(8).shutdownHook(false).build();
    assertThat(sink.accepting(Level.INFO)).as("empty queue").isTrue();

    long queued = fillUntilDropped(sink);
    assertThat(delegate.awaitEntered(10_000)).isTrue();
    assertThat(sink.dropped()).isEqualTo(1);

    assertThat(sink.accepting(Level.INFO)).isFalse();
    assertThat(sink.accepting(Level.DEBUG)).isFalse();
    assertThat(sink.accepting(Level.TRACE)).isFalse();
    assertThat(sink.dropped()).as("each false answer is a drop").isEqualTo(4);
    assertThat(sink.accepting(Level.WARN)).isTrue();
    assertThat(sink.accepting(Level.ERROR)).isTrue();
    assertThat(sink.dropped()).isEqualTo(4);

    // offer agrees: the line is dropped without trying the queue.
    byte[] info = TestLines.line(1000, Level.INFO);
    assertThat(sink.offer(Level.INFO, info, 0, info.length)).isFalse();
    assertThat(sink.dropped()).isEqualTo(5);

    // A WARN line still goes into the reserve.
    byte[] warn = TestLines.line(2000, Level.WARN);
    assertThat(sink.offer(Level.WARN, warn, 0, warn.length)).isTrue();

    delegate.open();
    sink.flush();
    assertThat(sink.accepting(Level.INFO)).as("room was freed since the drop").isTrue();
    assertThat(sink.offer(Level.INFO, info, 0, info.length)).isTrue();
    sink.close();

    assertThat(delegate.has(2000)).isTrue();
    assertThat(delegate.has(1000)).isTrue();
    assertThat(delegate.lines()).isEqualTo(queued + 2);
    assertThat(sink.written()).isEqualTo(queued + 2);
    assertThat(sink.dropped()).isEqualTo(5);
    assertThat(delegate.duplicates()).isZero();
  }

  @Test
  void underBlock_everyLevelIsAccepted_evenWithAFullQueue() throws Exception {
    RecordingSink delegate = new RecordingSink().closeGate();
    AsyncSink sink =
        AsyncSink.builder(delegate.perLine())
            .capacity(8)
            .overflowPolicy(OverflowPolicy.BLOCK)
            .maxWait(Duration.ZERO)
            .shutdownHook(false)
            .build();
    fillUntilDropped(sink);
    assertThat(sink.accepting(Level.INFO)).isTrue();
    assertThat(sink.accepting(Level.TRACE)).isTrue();
    assertThat(sink.dropped()).isEqualTo(1);
    delegate.open();
    sink.close();
  }

  @Test
  void aLineTooLongForTheQueue_doesNotStopShorterLines() throws Exception {
    RecordingSink delegate = new RecordingSink();
    AsyncSink sink =
        AsyncSink.builder(delegate.perLine()).bufferBytes(1024).shutdownHook(false).build();
    byte[] tooLong = new byte[300];
    tooLong[299] = '\n';
    assertThat(sink.offer(Level.INFO, tooLong, 0, tooLong.length)).isFalse();
    assertThat(sink.dropped()).isEqualTo(1);
    assertThat(sink.accepting(Level.INFO)).as("the queue is not full").isTrue();
    byte[] line = TestLines.line(1, Level.INFO);
    assertThat(sink.offer(Level.INFO, line, 0, line.length)).isTrue();
    sink.close();
    assertThat(delegate.has(1)).isTrue();
  }

  @Test
  void theDefault_acceptsEveryLevel() {
    Sink plain = (level, line, off, len) -> {};
    for (Level level : Level.values()) {
      assertThat(plain.accepting(level)).isTrue();
    }
  }
}
