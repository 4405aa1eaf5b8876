package dev.correlog.context;

import java.util.Objects;
import java.util.concurrent.Executor;

/** An executor whose tasks run with the context that was current when each was submitted. */
final class ContextExecutor implements Executor {
  private final Executor delegate;

  ContextExecutor(Executor delegate) {
    this.delegate = Objects.requireNonNull(delegate, "executor");
  }

  @Override
  public void execute(Runnable command) {
    delegate.execute(ContextRunnable.capture(command));
  }

  @Override
  public String toString() {
    return "ContextExecutors.wrap(" + delegate + ")";
  }
}
