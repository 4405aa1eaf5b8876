package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.sink.AsyncSink;
import dev.correlog.sink.InMemorySink;
import dev.correlog.sink.Sink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A line below WARN that the sink is not {@link Sink#accepting} is not encoded: its values are
 * never rendered, the sink is not offered it, and it is counted as dropped; WARN and ERROR always
 * are.
 */
@Timeout(60)
class SinkAcceptingTest {
  /** A value that counts how often it is rendered (by Jackson's getter or by toString). */
  public static final class Counted {
    final AtomicInteger calls = new AtomicInteger();

    public int getN() {
      calls.incrementAndGet();
      return 1;
    }

    @Override
    public String toString() {
      calls.incrementAndGet();
      return "counted";
    }
  }

  /** A sink with a switch for {@code accepting}, recording what it is asked and offered. */
  static final class SwitchSink implements Sink {
    volatile boolean accepting = true;
    volatile RuntimeException failure;
    final List<Level> asked = new ArrayList<>();
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized boolean accepting(Level level) {
      asked.add(level);
      if (failure != null) {
        throw failure;
      }
      return accepting;
    }

    @Override
    public synchronized void write(Level level, byte[] line, int off, int len) {
      lines.add(new String(line, off, len, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static Correlog correlog(Sink sink) {
    return Correlog.builder().service("s").version("1").sink(sink).level(Level.TRACE).build();
  }

  private static void log(EventLogger log, Level level, String event, Counted v) {
    log.at(level, event)
        .field("v", v)
        .field("o", o -> o.field("n", v.calls.incrementAndGet()))
        .message("m")
        .emit();
  }

  @Test
  void aSinkNotAccepting_getsNoInfoLine_andNothingOfItIsRendered() {
    SwitchSink sink = new SwitchSink();
    Correlog c = correlog(sink);
    EventLogger log = c.logger("t");
    Counted v = new Counted();
    belowWarnSkipped(sink, c, log, v);
    assertThat(c.counters().sampledOut()).isZero();

    log(log, Level.WARN, "warned", v);
    log(log, Level.ERROR, "failed", v);
    assertThat(v.calls.get()).isPositive();
    assertThat(sink.asked).as("never asked for WARN or ERROR").hasSize(3);
    assertThat(sink.lines).hasSize(2);
    assertThat(c.counters().emitted()).isEqualTo(2);
    assertThat(c.counters().dropped()).isEqualTo(3);

    sink.accepting = true;
    log(log, Level.INFO, "taken", v);
    assertThat(sink.lines).hasSize(3);
    assertThat(c.counters().emitted()).isEqualTo(3);
    c.close();
  }

  /** With the sink not accepting: TRACE, DEBUG and INFO are asked about, dropped, not rendered. */
  private static void belowWarnSkipped(SwitchSink sink, Correlog c, EventLogger log, Counted v) {
    sink.accepting = false;
    for (Level level : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO}) {
      log(log, level, "skipped", v);
    }
    assertThat(v.calls).hasValue(0);
    assertThat(sink.lines).isEmpty();
    assertThat(sink.asked).containsExactly(Level.TRACE, Level.DEBUG, Level.INFO);
    assertThat(c.counters().dropped()).isEqualTo(3);
    assertThat(c.counters().emitted()).isZero();
  }

  @Test
  void inAScopeDecidedSampled_aSinkNotAccepting_getsNoInfoLine_andWarnStillGoes() {
    SwitchSink sink = new SwitchSink();
    Correlog c = correlog(sink);
    EventLogger log = c.logger("t");
    Counted v = new Counted();
    try (dev.correlog.context.Scope s =
        dev.correlog.context.TraceContext.newRoot("r-1").withSampled(true).attach()) {
      belowWarnSkipped(sink, c, log, v);

      log(log, Level.WARN, "warned", v);
      assertThat(sink.asked).as("never asked for WARN").hasSize(3);
      assertThat(sink.lines).hasSize(1);
      sink.accepting = true;
      log(log, Level.INFO, "taken", v);
      assertThat(sink.lines).hasSize(2);
      assertThat(sink.lines.get(1)).contains("\"request_id\":\"r-1\"");
      assertThat(c.counters().emitted()).isEqualTo(2);
    }
    c.close();
  }

  @Test
  void aSampledOutLine_isNotAskedAbout_andNotCountedAsDropped() {
    SwitchSink sink = new SwitchSink();
    sink.accepting = false;
    Correlog c = Correlog.builder().service("s").version("1").sink(sink).headRatio(0).build();
    c.logger("t").info("e").emit();
    assertThat(sink.asked).isEmpty();
    assertThat(c.counters().sampledOut()).isEqualTo(1);
    assertThat(c.counters().dropped()).isZero();
    c.close();
  }

  @Test
  void accepting_thatThrows_countsAsTrue_andNeverReachesTheApplication() {
    SwitchSink sink = new SwitchSink();
    sink.failure = new IllegalStateException("boom");
    Correlog c = correlog(sink);
    Counted v = new Counted();
    log(c.logger("t"), Level.INFO, "e", v);
    assertThat(sink.lines).hasSize(1);
    assertThat(v.calls.get()).isPositive();
    assertThat(c.counters().emitted()).isEqualTo(1);
    assertThat(c.counters().dropped()).isZero();
    c.close();
  }

  @Test
  void aFullAsyncQueue_skipsEncoding_andCountsExactlyAsDropped() throws Exception {
    InMemorySink memory = new InMemorySink();
    CountDownLatch release = new CountDownLatch(1);
    Sink slow =
        (level, line, off, len) -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          memory.write(level, line, off, len);
        };
    AsyncSink async = AsyncSink.builder(slow).capacity(8).shutdownHook(false).build();
    Correlog c = correlog(async);
    EventLogger log = c.logger("t");
    int filled = 0;
    while (c.counters().dropped() == 0) {
      log.info("fill").field("i", filled++).emit();
      assertThat(filled).isLessThan(100);
    }
    // The queue is full and its writer stuck: every INFO line from here on is skipped.
    Counted v = new Counted();
    for (int i = 0; i < 10; i++) {
      log(log, Level.INFO, "skipped", v);
    }
    assertThat(v.calls).as("values of skipped lines are never rendered").hasValue(0);
    assertThat(c.counters().dropped()).isEqualTo(11);
    assertThat(async.dropped()).isEqualTo(11);

    log(log, Level.WARN, "warned", v);
    assertThat(v.calls.get()).as("a WARN line is encoded").isPositive();

    release.countDown();
    c.close();
    List<String> lines = memory.lines();
    assertThat(lines).filteredOn(l -> l.contains("\"event\":\"fill\"")).hasSize(filled - 1);
    assertThat(lines).noneMatch(l -> l.contains("\"event\":\"skipped\""));
    assertThat(lines).filteredOn(l -> l.contains("\"event\":\"warned\"")).hasSize(1);
    assertThat(c.counters().emitted()).isEqualTo(lines.size());
    assertThat(c.counters().dropped()).isEqualTo(11);
    assertThat(c.counters().sinkFailures()).isZero();
    long reported =
        lines.stream()
            .filter(l -> l.contains("\"event\":\"correlog.dropped\""))
            .mapToLong(SinkAcceptingTest::droppedField)
            .sum();
    assertThat(reported).as("the correlog.dropped events count the skipped lines").isEqualTo(11);
  }

  private static long droppedField(String line) {
    try {
      return Lines.JSON.readTree(line).get("dropped").asLong();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
