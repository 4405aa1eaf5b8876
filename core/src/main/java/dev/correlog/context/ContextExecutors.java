package dev.correlog.context;

import dev.correlog.internal.ScopeStack;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Carries the current {@link TraceContext} to other threads. A wrapped task runs with the context
 * that was current when it was wrapped; a wrapped executor gives each task the context that was
 * current when the task was submitted. Either way the worker thread is left exactly as it was
 * found, and a task submitted with no context runs with no context, even on a thread that had one.
 *
 * <pre>{@code
 * ExecutorService pool = ContextExecutors.wrap(Executors.newFixedThreadPool(4));
 * try (Scope scope = TraceContext.newRoot().attach()) {
 *   pool.submit(() -> log.info("job.started").emit()); // same trace id as here
 * }
 * }</pre>
 *
 * <h2>CompletableFuture chains</h2>
 *
 * <p>Give every async stage a context-carrying executor. {@link #supplyAsync(Supplier, Executor)}
 * and {@link #runAsync(Runnable, Executor)} start a chain in the current context; an async stage
 * then runs in the context of the thread that submitted it, which is the thread completing the
 * previous stage, so with {@link #wrap(Executor)} the context flows from stage to stage:
 *
 * <pre>{@code
 * Executor ex = ContextExecutors.wrap(pool);
 * ContextExecutors.supplyAsync(this::load, ex)
 *     .thenApplyAsync(this::enrich, ex)
 *     .thenAcceptAsync(this::store, ex);
 * }</pre>
 *
 * When a stage may be completed by a thread that lacks the context (an HTTP client's or a
 * scheduler's thread, say), bind the executor to the context once, with {@link
 * #currentContextExecutor(Executor)} (which thread submits a stage is not fixed: the one that
 * completes the previous stage, or a pool thread helping to fire dependents): every stage given it
 * runs in the context current at that call, whichever thread submits it. Stages without an executor
 * ({@code thenApply}) run on the thread that completes the previous stage, or on the caller's when
 * it is already complete; they see that thread's context.
 */
public final class ContextExecutors {
  private ContextExecutors() {}

  /** {@code task}, run with the context current now (with no context when there is none). */
  public static Runnable wrap(Runnable task) {
    return ContextRunnable.capture(task);
  }

  /** {@code task}, called with the context current now (with no context when there is none). */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return ContextCallable.capture(task);
  }

  /** An executor that runs each task with the context current when the task is submitted. */
  public static Executor wrap(Executor executor) {
    if (executor instanceof ContextExecutor) {
      return executor;
    }
    return new ContextExecutor(executor);
  }

  /**
   * An executor service that runs each task with the context current when the task is submitted, on
   * every submission path. Shutting it down shuts down {@code executor}.
   */
  public static ExecutorService wrap(ExecutorService executor) {
    if (executor instanceof ContextExecutorService) {
      return executor;
    }
    return new ContextExecutorService(executor);
  }

  /**
   * A scheduled executor service that runs each task with the context current when the task is
   * scheduled; periodic tasks run with it every time. Shutting it down shuts down {@code executor}.
   */
  public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
    if (executor instanceof ContextScheduledExecutorService) {
      return executor;
    }
    return new ContextScheduledExecutorService(executor);
  }

  /**
   * An executor that runs every task with the context current now, whichever thread submits it and
   * whatever that thread's context: for the stages of a {@link CompletableFuture} chain that may be
   * triggered from threads without the context.
   */
  public static Executor currentContextExecutor(Executor executor) {
    return new FixedContextExecutor(TraceContext.current(), executor);
  }

  /**
   * {@link CompletableFuture#supplyAsync(Supplier)}, with {@code supplier} in the current context.
   */
  public static <T> CompletableFuture<T> supplyAsync(Supplier<T> supplier) {
    return CompletableFuture.supplyAsync(bind(TraceContext.current(), supplier));
  }

  /**
   * {@link CompletableFuture#supplyAsync(Supplier, Executor)}, with {@code supplier} in the current
   * context.
   */
  public static <T> CompletableFuture<T> supplyAsync(Supplier<T> supplier, Executor executor) {
    return CompletableFuture.supplyAsync(bind(TraceContext.current(), supplier), executor);
  }

  /** {@link CompletableFuture#runAsync(Runnable)}, with {@code task} in the current context. */
  public static CompletableFuture<Void> runAsync(Runnable task) {
    return CompletableFuture.runAsync(ContextRunnable.capture(task));
  }

  /**
   * {@link CompletableFuture#runAsync(Runnable, Executor)}, with {@code task} in the current
   * context.
   */
  public static CompletableFuture<Void> runAsync(Runnable task, Executor executor) {
    return CompletableFuture.runAsync(ContextRunnable.capture(task), executor);
  }

  private static <T> Supplier<T> bind(TraceContext context, Supplier<T> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return () -> {
      Scope scope = ScopeStack.attachForTask(context);
      try {
        return supplier.get();
      } finally {
        scope.close();
      }
    };
  }

  /** Runs every task with one context, fixed when the executor was made. */
  private static final class FixedContextExecutor implements Executor {
    private final TraceContext context;
    private final Executor delegate;

    FixedContextExecutor(TraceContext context, Executor delegate) {
      this.context = context;
      this.delegate = Objects.requireNonNull(delegate, "executor");
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(new ContextRunnable(context, command));
    }

    @Override
    public String toString() {
      return "ContextExecutors.currentContextExecutor(" + delegate + ", " + context + ")";
    }
  }
}
