package dev.correlog.context;

import dev.correlog.internal.ScopeStack;
import java.util.Objects;

/** Runs a task with the context captured when it was wrapped (null: with no context). */
final class ContextRunnable implements Runnable {
  private final TraceContext context;
  private final Runnable task;

  ContextRunnable(TraceContext context, Runnable task) {
    this.context = context;
    this.task = Objects.requireNonNull(task, "task");
  }

  /** Wraps {@code task} with this thread's current context. */
  static Runnable capture(Runnable task) {
    return new ContextRunnable(TraceContext.current(), task);
  }

  @Override
  public void run() {
    Scope scope = ScopeStack.attachForTask(context);
    try {
      task.run();
    } finally {
      scope.close();
    }
  }

  @Override
  public String toString() {
    return "ContextRunnable{" + task + ", " + context + "}";
  }
}
