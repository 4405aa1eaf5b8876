package dev.correlog.benchmarks.peers;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.sink.AsyncSink;
import dev.correlog.sink.OverflowPolicy;
import dev.correlog.sink.Sinks;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where the CPU goes in {@link CorrelogAsyncBenchmark}'s pipeline, per overflow policy: the same
 * order line logged by {@code n} producer threads through Correlog into an {@link AsyncSink} over a
 * file sink on {@code /dev/null}, for a fixed time, measuring each thread's CPU time ({@link
 * ThreadMXBean}) and, on Linux, the time it waited for a CPU while runnable ({@code
 * /proc/self/task/TID/schedstat}, second figure). Not a JMH benchmark: a harness for direction that
 * reads the figures JMH cannot give per thread. Rounds alternate the policies.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.correlog.benchmarks.peers.AsyncCpuTiming \
 *     [producers=1,2] [rounds=3] [warmupMillis=2000] [measureMillis=4000]
 * </pre>
 *
 * <p>Columns: lines logged and written per second of elapsed time; the share dropped; the writer
 * thread's CPU time and run-queue wait as a share of elapsed time; the producers' CPU time (sum) as
 * a share of elapsed time; producer CPU per line logged; writer CPU per line written.
 */
public final class AsyncCpuTiming {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private AsyncCpuTiming() {}

  public static void main(String[] args) throws Exception {
    String[] counts = (args.length > 0 ? args[0] : "1,2").split(",");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long warm = args.length > 2 ? Long.parseLong(args[2]) : 2000;
    long measure = args.length > 3 ? Long.parseLong(args[3]) : 4000;
    System.out.printf(
        Locale.ROOT,
        "%-16s %2s %9s %9s %6s | %7s %7s | %7s %7s | %9s %9s%n",
        "policy",
        "n",
        "logged/s",
        "written/s",
        "drop%",
        "wrCPU%",
        "wrWait%",
        "prCPU%",
        "prWait%",
        "prns/log",
        "wrns/line");
    for (int r = 0; r < rounds; r++) {
      for (String c : counts) {
        int n = Integer.parseInt(c.trim());
        for (OverflowPolicy p : OverflowPolicy.values()) {
          run(p, n, warm, measure);
        }
      }
    }
  }

  /** One producer: logs until told to stop, counting lines logged. */
  private static final class Producer extends Thread {
    final AtomicLong logged = new AtomicLong();
    final EventLogger log;
    volatile boolean stop;

    Producer(EventLogger log, int i) {
      super("bench-prod-" + i);
      this.log = log;
    }

    @Override
    public void run() {
      try (Scope s = Fixture.REQUEST.attach()) {
        long n = 0;
        while (!stop) {
          CorrelogBenchmark.info(log);
          logged.lazySet(++n);
        }
      }
    }
  }

  /** CPU time, run-queue wait and lines at one instant. */
  private record Snapshot(
      long wall, long wrCpu, long wrWait, long prCpu, long prWait, long logged, long written) {}

  private static void run(OverflowPolicy policy, int n, long warm, long measure)
      throws IOException, InterruptedException {
    AsyncSink sink =
        AsyncSink.builder(Sinks.file(NullFile.PATH))
            .overflowPolicy(policy)
            .shutdownHook(false)
            .build();
    Correlog correlog = CorrelogBenchmark.correlog(sink, 1.0);
    EventLogger log = correlog.logger(Fixture.LOGGER);
    Thread writer = thread("correlog-async-writer");
    List<Producer> producers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Producer p = new Producer(log, i);
      producers.add(p);
      p.start();
    }
    Thread.sleep(warm);
    Snapshot a = snapshot(writer, producers, sink);
    Thread.sleep(measure);
    Snapshot b = snapshot(writer, producers, sink);
    for (Producer p : producers) {
      p.stop = true;
    }
    for (Producer p : producers) {
      p.join();
    }
    correlog.close();
    double wall = b.wall - a.wall;
    long logged = b.logged - a.logged;
    long written = b.written - a.written;
    System.out.printf(
        Locale.ROOT,
        "%-16s %2d %8.2fM %8.2fM %5.1f%% | %6.1f%% %6.1f%% | %6.1f%% %6.1f%% | %9.0f %9.0f%n",
        policy,
        n,
        logged / wall * 1e3,
        written / wall * 1e3,
        logged == 0 ? 0.0 : 100.0 * Math.max(0, logged - written) / logged,
        100.0 * (b.wrCpu - a.wrCpu) / wall,
        100.0 * (b.wrWait - a.wrWait) / wall,
        100.0 * (b.prCpu - a.prCpu) / wall,
        100.0 * (b.prWait - a.prWait) / wall,
        (double) (b.prCpu - a.prCpu) / Math.max(1, logged),
        (double) (b.wrCpu - a.wrCpu) / Math.max(1, written));
  }

  private static Snapshot snapshot(Thread writer, List<Producer> producers, AsyncSink sink) {
    long wall = System.nanoTime();
    long written = sink.written();
    long logged = 0;
    long prCpu = 0;
    long prWait = 0;
    for (Producer p : producers) {
      logged += p.logged.get();
      prCpu += THREADS.getThreadCpuTime(p.getId());
      prWait += runQueueWait(p.getName());
    }
    return new Snapshot(
        wall,
        THREADS.getThreadCpuTime(writer.getId()),
        runQueueWait(writer.getName()),
        prCpu,
        prWait,
        logged,
        written);
  }

  /** The writer thread of the sink just built: the only live thread of that name. */
  private static Thread thread(String name) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name) && t.isAlive()) {
        return t;
      }
    }
    throw new IllegalStateException("no thread named " + name);
  }

  /**
   * Nanoseconds the thread named {@code name} spent runnable but waiting for a CPU, from Linux's
   * schedstat (the kernel keeps the first 15 characters of the name); 0 where there is none.
   */
  private static long runQueueWait(String name) {
    String comm = name.length() > 15 ? name.substring(0, 15) : name;
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return 0;
    }
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : list.toList()) {
        try {
          if (Files.readString(task.resolve("comm")).trim().equals(comm)) {
            String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
            return Long.parseLong(f[1]);
          }
        } catch (IOException | RuntimeException e) {
          // The task ended while listed, or no schedstat: go on.
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }
}
