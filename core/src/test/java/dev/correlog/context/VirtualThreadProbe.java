package dev.correlog.context;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run in a child JVM (Java 21 or later) by {@link VirtualThreadContextTest}: carries contexts into
 * virtual threads through {@link ContextExecutors} and prints one line, {@code VERDICT OK} or
 * {@code VERDICT FAIL <why>}. Virtual-thread APIs are reached reflectively, as core compiles for
 * Java 17.
 */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
public final class VirtualThreadProbe {
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();

  private VirtualThreadProbe() {}

  public static void main(String[] args) {
    printVerdict(VirtualThreadProbe::run);
  }

  /** What a probe checks: returns "OK" or "FAIL why". */
  public interface Check {
    String verdict() throws Throwable;
  }

  /** Prints {@code VERDICT <what run returned>}, or {@code VERDICT FAIL <throwable>}. */
  public static void printVerdict(Check run) {
    String verdict;
    try {
      verdict = run.verdict();
    } catch (Throwable t) {
      verdict = "FAIL " + t;
    }
    System.out.println("VERDICT " + verdict);
  }

  private static String run() throws Throwable {
    MethodHandle isVirtual =
        LOOKUP.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    ExecutorService raw =
        (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    ExecutorService pool = ContextExecutors.wrap(raw);
    try {
      List<TraceContext> given = new ArrayList<>();
      List<Future<Seen>> seen = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        TraceContext ctx = i % 2 == 0 ? TraceContext.newRoot("req-" + i) : null;
        given.add(ctx);
        if (ctx == null) {
          seen.add(pool.submit(() -> checkVirtual(isVirtual)));
        } else {
          try (Scope s = ctx.attach()) {
            seen.add(pool.submit(() -> checkVirtual(isVirtual)));
          }
        }
      }
      for (int i = 0; i < seen.size(); i++) {
        Seen s = seen.get(i).get(30, TimeUnit.SECONDS);
        if (!s.saw(given.get(i))) {
          return "FAIL task " + i + " given " + given.get(i) + " saw " + s;
        }
      }
      String started = startedVirtualThread(isVirtual);
      if (started != null) {
        return started;
      }
      if (TraceContext.current() != null) {
        return "FAIL main thread left with " + TraceContext.current();
      }
      return "OK";
    } finally {
      raw.shutdownNow();
      raw.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private static Seen checkVirtual(MethodHandle isVirtual) {
    if (!isVirtual(isVirtual, Thread.currentThread())) {
      throw new IllegalStateException("not a virtual thread: " + Thread.currentThread());
    }
    return Seen.now();
  }

  private static boolean isVirtual(MethodHandle isVirtual, Thread t) {
    try {
      return (boolean) isVirtual.invoke(t);
    } catch (Throwable e) {
      throw new IllegalStateException("Thread.isVirtual() failed", e);
    }
  }

  /** {@code Thread.ofVirtual().start(ContextExecutors.wrap(task))}; null when it carried ctx. */
  private static String startedVirtualThread(MethodHandle isVirtual) throws Throwable {
    Class<?> builderType = Class.forName("java.lang.Thread$Builder");
    Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
    Object builder =
        LOOKUP.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType)).invoke();
    MethodHandle start =
        LOOKUP.findVirtual(
            builderType, "start", MethodType.methodType(Thread.class, Runnable.class));
    TraceContext ctx = TraceContext.newRoot("req-of-virtual");
    AtomicReference<Seen> seen = new AtomicReference<>();
    Runnable task;
    try (Scope s = ctx.attach()) {
      task = ContextExecutors.wrap(() -> seen.set(Seen.now()));
    }
    Thread t = (Thread) start.invoke(builder, task);
    t.join(30_000);
    if (!isVirtual(isVirtual, t)) {
      return "FAIL Thread.ofVirtual() did not start a virtual thread";
    }
    if (seen.get() == null || !seen.get().saw(ctx)) {
      return "FAIL Thread.ofVirtual() task saw " + seen.get();
    }
    return null;
  }
}
