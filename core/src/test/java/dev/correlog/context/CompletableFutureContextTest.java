package dev.correlog.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class CompletableFutureContextTest {
  private final TraceContext ctx = TraceContext.newRoot("req-chain");
  private final TraceContext other = TraceContext.newRoot("req-other");
  private final ExecutorService raw = Executors.newFixedThreadPool(2, named("chain-"));

  @AfterEach
  void stopPool() throws InterruptedException {
    raw.shutdownNow();
    assertThat(raw.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Seen.now().saw(null)).isTrue();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> new Thread(r, prefix + n.incrementAndGet());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void chainOfAsyncStagesOnAWrappedExecutorKeepsTheContext() {
    Executor ex = ContextExecutors.wrap(raw);
    Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    CompletableFuture<Void> chain;
    try (Scope s = ctx.attach()) {
      chain =
          ContextExecutors.supplyAsync(
                  () -> {
                    await(start); // the caller's scope is closed before any stage runs
                    seen.add(Seen.now());
                    return 1;
                  },
                  ex)
              .thenApplyAsync(
                  i -> {
                    seen.add(Seen.now());
                    return i + 1;
                  },
                  ex)
              .thenComposeAsync(
                  i -> CompletableFuture.supplyAsync(() -> seen.add(Seen.now()), ex), ex)
              .thenApply(ok -> seen.add(Seen.now()))
              .thenAcceptAsync(ok -> seen.add(Seen.now()), ex);
    }
    try (Scope s = other.attach()) {
      start.countDown();
      chain.orTimeout(10, TimeUnit.SECONDS).join();
    }
    assertThat(seen).hasSize(5).allMatch(x -> x.saw(ctx));
    assertThat(seen).allMatch(x -> x.thread().startsWith("chain-"));
  }

  @Test
  void runAsyncAndSupplyAsyncOnTheDefaultPoolCarryTheContext() {
    Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    CompletableFuture<Seen> supplied;
    CompletableFuture<Void> ran;
    try (Scope s = ctx.attach()) {
      supplied = ContextExecutors.supplyAsync(Seen::now);
      ran = ContextExecutors.runAsync(() -> seen.add(Seen.now()));
    }
    assertThat(supplied.orTimeout(10, TimeUnit.SECONDS).join().saw(ctx)).isTrue();
    ran.orTimeout(10, TimeUnit.SECONDS).join();
    assertThat(seen).singleElement().matches(x -> x.saw(ctx));
  }

  @Test
  void runAsyncOnAnExecutorCarriesTheContext() {
    Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    CompletableFuture<Void> ran;
    try (Scope s = ctx.attach()) {
      ran = ContextExecutors.runAsync(() -> seen.add(Seen.now()), raw);
    }
    ran.orTimeout(10, TimeUnit.SECONDS).join();
    assertThat(seen).singleElement().matches(x -> x.saw(ctx));
  }

  @Test
  void stageTriggeredFromAThreadWithoutContextNeedsTheBoundExecutor() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<Seen> viaWrap;
    CompletableFuture<Seen> viaBound;
    try (Scope s = ctx.attach()) {
      viaWrap = source.thenApplyAsync(x -> Seen.now(), ContextExecutors.wrap((Executor) raw));
      viaBound =
          source.thenApplyAsync(x -> Seen.now(), ContextExecutors.currentContextExecutor(raw));
    }
    Thread completer = new Thread(() -> source.complete("response")); // e.g. an HTTP client's
    completer.start();
    completer.join(10_000);
    List<Seen> results =
        List.of(
            viaWrap.orTimeout(10, TimeUnit.SECONDS).join(),
            viaBound.orTimeout(10, TimeUnit.SECONDS).join());
    // The wrapped executor captures whatever thread submits the stage: the completer (no context)
    // or a pool thread that helps fire the source's dependents after running the bound stage (with
    // it): CompletableFuture lets either do it, so what viaWrap sees is not fixed. Only the bound
    // executor gives a guarantee.
    assertThat(results.get(0).saw(null) || results.get(0).saw(ctx)).isTrue();
    assertThat(results.get(1).saw(ctx)).isTrue();
  }
}
