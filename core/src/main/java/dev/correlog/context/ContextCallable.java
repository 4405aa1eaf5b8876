package dev.correlog.context;

import dev.correlog.internal.ScopeStack;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/** Calls a task with the context captured when it was wrapped (null: with no context). */
final class ContextCallable<T> implements Callable<T> {
  private final TraceContext context;
  private final Callable<T> task;

  ContextCallable(TraceContext context, Callable<T> task) {
    this.context = context;
    this.task = Objects.requireNonNull(task, "task");
  }

  /** Wraps {@code task} with this thread's current context. */
  static <T> Callable<T> capture(Callable<T> task) {
    return new ContextCallable<>(TraceContext.current(), task);
  }

  /** Wraps every task with this thread's current context. */
  static <T> List<Callable<T>> captureAll(Collection<? extends Callable<T>> tasks) {
    TraceContext context = TraceContext.current();
    List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
    for (Callable<T> task : tasks) {
      wrapped.add(new ContextCallable<>(context, task));
    }
    return wrapped;
  }

  @Override
  public T call() throws Exception {
    Scope scope = ScopeStack.attachForTask(context);
    try {
      return task.call();
    } finally {
      scope.close();
    }
  }

  @Override
  public String toString() {
    return "ContextCallable{" + task + ", " + context + "}";
  }
}
