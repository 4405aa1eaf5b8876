package dev.correlog.sink;

import dev.correlog.Correlog;
import dev.correlog.Counters;
import dev.correlog.EventLogger;
import dev.correlog.Level;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What the child JVMs of {@link SinkFaultsInChildJvmTest} log, and how they say it. */
final class ChildLoad {
  private ChildLoad() {}

  /** Level of event {@code i}: 10% WARN, 2% ERROR, the rest INFO. */
  static Level levelOf(long i) {
    return i % 50 == 7 ? Level.ERROR : i % 10 == 3 ? Level.WARN : Level.INFO;
  }

  static Correlog correlog(Sink sink) {
    return Correlog.builder().service("child").version("1").sink(sink).build();
  }

  /**
   * Logs events {@code 0..perThread*threads-1} from {@code threads} threads (all of them when
   * {@code perThread} is negative: until the JVM exits); prints {@code A <i>} on {@code out} once a
   * WARN or ERROR event's {@code emit()} has returned.
   */
  static void run(Correlog c, int threads, long perThread, PrintStream out)
      throws InterruptedException {
    EventLogger log = c.logger("load");
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long base = t * 1_000_000_000L;
      Thread w =
          new Thread(
              () -> {
                for (long i = base; perThread < 0 || i < base + perThread; i++) {
                  Level level = levelOf(i);
                  log.at(level, "load.line").field("i", i).field("pad", "x".repeat(80)).emit();
                  if (level != Level.INFO && out != null) {
                    out.println("A " + i);
                  }
                }
              });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
  }

  static void printCounters(Counters counters) {
    System.out.println(
        "C " + counters.emitted() + " " + counters.dropped() + " " + counters.sinkFailures());
    System.out.flush();
  }
}
