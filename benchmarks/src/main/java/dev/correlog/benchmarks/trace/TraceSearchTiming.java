package dev.correlog.benchmarks.trace;

import dev.correlog.trace.Inputs;
import dev.correlog.trace.TraceQuery;
import dev.correlog.trace.TraceViewer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The in-process search by the thread's CPU time, which a busy shared machine does not inflate the
 * way it inflates elapsed time (what {@link TraceSearchBenchmark} measures): {@code warm-up}
 * searches, then {@code runs} measured ones; prints the median and best.
 *
 * <pre>java -cp benchmarks.jar dev.correlog.benchmarks.trace.TraceSearchTiming FILE [runs]</pre>
 */
public final class TraceSearchTiming {
  private TraceSearchTiming() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String id = Files.readString(Path.of(args[0] + ".id")).trim();
    TraceQuery query = TraceQuery.trace(id);
    double mb = Files.size(file) / 1e6;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 5; i++) {
      TraceViewer.find(query, Inputs.files(file));
    }
    double[] cpu = new double[runs];
    double[] wall = new double[runs];
    for (int i = 0; i < runs; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      int spans = TraceViewer.find(query, Inputs.files(file)).spans().size();
      wall[i] = (System.nanoTime() - w0) / 1e9;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      if (spans != 5) {
        throw new IllegalStateException("expected 5 spans, found " + spans);
      }
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(
        Locale.ROOT,
        "in-process search, %d runs: cpu median %.1f ms (%.0f MB/s), best %.1f ms (%.0f MB/s);"
            + " elapsed median %.1f ms (%.0f MB/s)%n",
        runs,
        cpu[runs / 2] * 1e3,
        mb / cpu[runs / 2],
        cpu[0] * 1e3,
        mb / cpu[0],
        wall[runs / 2] * 1e3,
        mb / wall[runs / 2]);
  }
}
