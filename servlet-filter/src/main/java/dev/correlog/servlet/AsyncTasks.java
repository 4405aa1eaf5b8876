package dev.correlog.servlet;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import java.util.Objects;

/**
 * Runs work of an asynchronous request in that request's context. Threads started by {@link
 * AsyncContext#start} inherit nothing, so without this their lines would belong to no request.
 *
 * <pre>{@code
 * AsyncContext async = request.startAsync();
 * AsyncTasks.start(async, () -> {
 *   log.info("report.built").emit(); // the request's trace id and request id
 *   async.complete();
 * });
 * }</pre>
 */
public final class AsyncTasks {
  private AsyncTasks() {}

  /**
   * {@link AsyncContext#start(Runnable)} with {@code task} run in the context of the async
   * context's request (as {@link CorrelogFilter} started it), else in the caller's current context.
   */
  public static void start(AsyncContext async, Runnable task) {
    Objects.requireNonNull(task, "task");
    async.start(wrap(async.getRequest(), task));
  }

  /**
   * {@code task} bound to the context of {@code request} (as {@link CorrelogFilter} started it),
   * else to the caller's current context; unchanged when there is neither. The context is attached
   * while the task runs and the thread restored after it.
   */
  public static Runnable wrap(ServletRequest request, Runnable task) {
    Objects.requireNonNull(task, "task");
    TraceContext ctx = request == null ? null : CorrelogFilter.context(request);
    if (ctx == null) {
      ctx = TraceContext.current();
    }
    if (ctx == null) {
      return task;
    }
    TraceContext bound = ctx;
    return () -> {
      try (Scope scope = bound.attach()) {
        task.run();
      }
    };
  }
}
