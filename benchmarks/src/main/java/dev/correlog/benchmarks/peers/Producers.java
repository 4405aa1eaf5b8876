package dev.correlog.benchmarks.peers;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The producer threads of an asynchronous benchmark, so that the end of a trial can say how many of
 * the lines logged were written and how many an appender dropped.
 */
final class Producers {
  private final Queue<Counter> counters = new ConcurrentLinkedQueue<>();

  /** One producer's count of lines logged; incremented by its thread only. */
  static final class Counter {
    long logged;
  }

  Counter register() {
    Counter c = new Counter();
    counters.add(c);
    return c;
  }

  long logged() {
    long sum = 0;
    for (Counter c : counters) {
      sum += c.logged;
    }
    return sum;
  }

  /**
   * Prints the trial's drop share, counting as dropped what was logged and not written; call after
   * the appender has drained its queue.
   */
  void report(String what, long written) {
    report(what, written, logged() - written);
  }

  /** Prints the trial's drop share, from an appender that counts its drops. */
  void report(String what, long written, long dropped) {
    long logged = logged();
    System.out.printf(
        "%n%s: %,d lines logged, %,d written, %,d dropped (%.1f%%)%n",
        what, logged, written, dropped, logged == 0 ? 0.0 : 100.0 * dropped / logged);
  }
}
