package dev.correlog.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class ContextExecutorsTest {
  private final TraceContext ctx = TraceContext.newRoot("req-exec");
  private final TraceContext other = TraceContext.newRoot("req-other");
  private ScheduledExecutorService raw;
  private ScheduledExecutorService pool;

  @BeforeEach
  void startPool() {
    raw = Executors.newSingleThreadScheduledExecutor();
    pool = ContextExecutors.wrap(raw);
  }

  @AfterEach
  void workerAndCallerAreLeftWithoutContext() throws Exception {
    try {
      assertThat(raw.submit(Seen::now).get(10, TimeUnit.SECONDS).saw(null)).isTrue();
      assertThat(Seen.now().saw(null)).isTrue();
    } finally {
      raw.shutdownNow();
      assertThat(raw.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Seen get(Future<Seen> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void executeRunsTheTaskInTheContextCurrentAtSubmission() throws Exception {
    BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    try (Scope s = ctx.attach()) {
      pool.execute(() -> seen.add(Seen.now()));
    }
    assertThat(seen.poll(10, TimeUnit.SECONDS).saw(ctx)).isTrue();
  }

  @Test
  void everySubmitOverloadCarriesTheContext() throws Exception {
    BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    Future<Seen> callable;
    Future<String> withResult;
    Future<?> plain;
    try (Scope s = ctx.attach()) {
      callable = pool.submit(Seen::now);
      withResult = pool.submit(() -> seen.add(Seen.now()), "done");
      plain = pool.submit(() -> seen.add(Seen.now()));
    }
    assertThat(get(callable).saw(ctx)).isTrue();
    assertThat(withResult.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    plain.get(10, TimeUnit.SECONDS);
    assertThat(seen).hasSize(2).allMatch(x -> x.saw(ctx));
  }

  @Test
  void invokeAllAndInvokeAnyCarryTheContext() throws Exception {
    List<Callable<Seen>> tasks = List.of(Seen::now, Seen::now, Seen::now);
    try (Scope s = ctx.attach()) {
      for (Future<Seen> f : pool.invokeAll(tasks)) {
        assertThat(get(f).saw(ctx)).isTrue();
      }
      for (Future<Seen> f : pool.invokeAll(tasks, 10, TimeUnit.SECONDS)) {
        assertThat(get(f).saw(ctx)).isTrue();
      }
      assertThat(pool.invokeAny(tasks).saw(ctx)).isTrue();
      assertThat(pool.invokeAny(tasks, 10, TimeUnit.SECONDS).saw(ctx)).isTrue();
    }
  }

  @Test
  void scheduledAndPeriodicTasksCarryTheContextOfWhenTheyWereScheduled() throws Exception {
    BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    ScheduledFuture<Seen> callable;
    ScheduledFuture<?> runnable;
    ScheduledFuture<?> rate;
    ScheduledFuture<?> delay;
    try (Scope s = ctx.attach()) {
      callable = pool.schedule(Seen::now, 1, TimeUnit.MILLISECONDS);
      runnable = pool.schedule(() -> seen.add(Seen.now()), 1, TimeUnit.MILLISECONDS);
      rate = pool.scheduleAtFixedRate(() -> seen.add(Seen.now()), 0, 1, TimeUnit.MILLISECONDS);
      delay = pool.scheduleWithFixedDelay(() -> seen.add(Seen.now()), 0, 1, TimeUnit.MILLISECONDS);
    }
    try (Scope s = other.attach()) {
      assertThat(get(callable).saw(ctx)).isTrue();
      runnable.get(10, TimeUnit.SECONDS);
      for (int i = 0; i < 7; i++) {
        assertThat(seen.poll(10, TimeUnit.SECONDS).saw(ctx)).isTrue();
      }
    } finally {
      rate.cancel(false);
      delay.cancel(false);
    }
  }

  @Test
  void taskSubmittedWithoutContextRunsWithoutEvenOnAWorkerThatHasOne() throws Exception {
    AtomicReference<Scope> leaked = new AtomicReference<>();
    raw.submit(() -> leaked.set(other.attach())).get(10, TimeUnit.SECONDS); // a careless raw task
    assertThat(get(pool.submit(Seen::now)).saw(null)).isTrue();
    assertThat(get(raw.submit(Seen::now)).saw(other)).isTrue(); // worker restored exactly
    try (Scope s = ctx.attach()) {
      assertThat(get(pool.submit(Seen::now)).saw(ctx)).isTrue();
    }
    assertThat(get(raw.submit(Seen::now)).saw(other)).isTrue();
    raw.submit(() -> leaked.get().close()).get(10, TimeUnit.SECONDS);
  }

  @Test
  void failingTaskStillLeavesTheWorkerClean() {
    Future<Object> f;
    try (Scope s = ctx.attach()) {
      f =
          pool.submit(
              () -> {
                throw new IllegalStateException("boom");
              });
    }
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("boom");
  }

  @Test
  void wrappedRunnableAndCallableCarryTheContextOfWrapTime() throws Exception {
    Runnable runnable;
    Callable<Seen> callable;
    AtomicReference<Seen> fromRunnable = new AtomicReference<>();
    try (Scope s = ctx.attach()) {
      runnable = ContextExecutors.wrap(() -> fromRunnable.set(Seen.now()));
      callable = ContextExecutors.wrap((Callable<Seen>) Seen::now);
    }
    try (Scope s = other.attach()) {
      runnable.run();
      assertThat(fromRunnable.get().saw(ctx)).isTrue();
      assertThat(callable.call().saw(ctx)).isTrue();
      assertThat(Seen.now().saw(other)).isTrue();
    }
    Thread t = new Thread(runnable);
    t.start();
    t.join(10_000);
    assertThat(fromRunnable.get().saw(ctx)).isTrue();
    assertThat(fromRunnable.get().thread()).isEqualTo(t.getName());
  }

  @Test
  void wrappingWithNoContextCurrentRunsWithNoContext() throws Exception {
    Callable<Seen> callable = ContextExecutors.wrap((Callable<Seen>) Seen::now);
    try (Scope s = other.attach()) {
      assertThat(callable.call().saw(null)).isTrue();
      assertThat(Seen.now().saw(other)).isTrue();
    }
  }

  @Test
  void plainExecutorWrapperCapturesAtSubmission() throws Exception {
    BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    Executor ex = ContextExecutors.wrap((Executor) raw);
    try (Scope s = ctx.attach()) {
      ex.execute(() -> seen.add(Seen.now()));
    }
    ex.execute(() -> seen.add(Seen.now()));
    assertThat(seen.poll(10, TimeUnit.SECONDS).saw(ctx)).isTrue();
    assertThat(seen.poll(10, TimeUnit.SECONDS).saw(null)).isTrue();
  }

  @Test
  void currentContextExecutorRunsEveryTaskInTheContextItWasMadeIn() throws Exception {
    BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    Executor bound;
    try (Scope s = ctx.attach()) {
      bound = ContextExecutors.currentContextExecutor(raw);
    }
    bound.execute(() -> seen.add(Seen.now()));
    try (Scope s = other.attach()) {
      bound.execute(() -> seen.add(Seen.now()));
    }
    assertThat(seen.poll(10, TimeUnit.SECONDS).saw(ctx)).isTrue();
    assertThat(seen.poll(10, TimeUnit.SECONDS).saw(ctx)).isTrue();
  }

  @Test
  void wrappingAWrappedExecutorReturnsIt() {
    assertThat(ContextExecutors.wrap(pool)).isSameAs(pool);
    assertThat(ContextExecutors.wrap((ExecutorService) pool)).isSameAs(pool);
    Executor ex = ContextExecutors.wrap((Executor) raw);
    assertThat(ContextExecutors.wrap(ex)).isSameAs(ex);
  }

  @Test
  void lifecycleMethodsAreTheDelegates() throws Exception {
    ExecutorService delegate = Executors.newSingleThreadExecutor();
    ExecutorService wrapped = ContextExecutors.wrap(delegate);
    CountDownLatch release = new CountDownLatch(1);
    try {
      wrapped.execute(
          () -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      wrapped.execute(() -> {});
      wrapped.execute(() -> {});
      assertThat(wrapped.isShutdown()).isFalse();
      assertThat(wrapped.shutdownNow()).hasSize(2);
      assertThat(delegate.isShutdown()).isTrue();
      assertThat(wrapped.isShutdown()).isTrue();
      assertThat(wrapped.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(wrapped.isTerminated()).isTrue();
    } finally {
      release.countDown();
      delegate.shutdownNow();
    }
    ExecutorService second = Executors.newSingleThreadExecutor();
    ContextExecutors.wrap(second).shutdown();
    assertThat(second.isShutdown()).isTrue();
    assertThat(second.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }
}
