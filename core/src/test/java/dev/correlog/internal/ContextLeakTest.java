package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.ContextExecutors;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class ContextLeakTest {
  private static final int TASKS = 10_000;

  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  /** Records a problem unless this thread has no context, no scopes and none of our MDC keys. */
  private void checkClean(String when) {
    String state =
        "depth="
            + ScopeStack.depth()
            + " current="
            + ScopeStack.current()
            + " mdc="
            + MDC.get("trace_id")
            + "/"
            + MDC.get("span_id")
            + "/"
            + MDC.get("trace_flags")
            + "/"
            + MDC.get("request_id");
    if (!state.equals("depth=0 current=null mdc=null/null/null/null")) {
      problems.add(when + " on " + Thread.currentThread().getName() + ": " + state);
    }
  }

  private Runnable task(int i, TraceContext given) {
    return () -> {
      TraceContext current = ScopeStack.current();
      String mdc = MDC.get("trace_id");
      String expectedMdc = given == null ? null : given.traceIdHex();
      if (current != given || !Objects.equals(mdc, expectedMdc)) {
        problems.add("task " + i + " given " + given + " saw " + current + " mdc " + mdc);
      }
      if (i % 7 == 0) {
        try (Scope child = TraceContext.newRoot().attach()) {
          MDC.put("trace_id", "overwritten by the task");
        }
      }
      if (i % 1000 == 1 || i % 1000 == 2) {
        TraceContext.newRoot("leaked").attach(); // never closed: the wrapper must clean up
      }
    };
  }

  @Test
  void tenThousandTasksOnTwoThreadsSeeOnlyTheContextTheyWereGivenAndLeaveWorkersClean()
      throws Exception {
    ThreadPoolExecutor raw =
        new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>()) {
          @Override
          protected void beforeExecute(Thread t, Runnable r) {
            checkClean("before a task");
          }

          @Override
          protected void afterExecute(Runnable r, Throwable t) {
            checkClean("after a task");
          }
        };
    ExecutorService pool = ContextExecutors.wrap(raw);
    Reporter.rearm("scope.leak");
    try (StderrCapture err = new StderrCapture()) {
      List<Future<?>> futures = new ArrayList<>(TASKS);
      for (int i = 0; i < TASKS; i++) {
        if (i % 2 == 0) {
          TraceContext given = TraceContext.newRoot("req-" + i);
          try (Scope s = given.attach()) {
            futures.add(pool.submit(task(i, given)));
          }
        } else {
          futures.add(pool.submit(task(i, null)));
        }
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(err.linesContaining("left a Scope open")).isEqualTo(1);

      // Both pool threads, side by side, through the raw pool: nothing left behind.
      CyclicBarrier both = new CyclicBarrier(2);
      Set<String> threads = ConcurrentHashMap.newKeySet();
      List<Future<?>> probes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        probes.add(
            raw.submit(
                () -> {
                  both.await(10, TimeUnit.SECONDS);
                  threads.add(Thread.currentThread().getName());
                  checkClean("final probe");
                  return null;
                }));
      }
      for (Future<?> f : probes) {
        f.get(20, TimeUnit.SECONDS);
      }
      assertThat(threads).hasSize(2);
    } finally {
      raw.shutdownNow();
      assertThat(raw.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(problems).isEmpty();
    assertThat(ScopeStack.depth()).isZero();
  }
}
