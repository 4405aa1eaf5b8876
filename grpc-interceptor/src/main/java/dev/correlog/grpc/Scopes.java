package dev.correlog.grpc;

import dev.correlog.context.ContextStorage;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;

/** Attaching a context where it is not current already. */
final class Scopes {
  private static final Scope NOOP = () -> {};

  private Scopes() {}

  /**
   * Makes {@code context} current for one call into gRPC or the application ({@link
   * ContextStorage#attachForTask}: closing the scope also closes what the call left open); when it
   * is current already (a callback that calls {@code sendMessage}), nothing is attached and the
   * scope does nothing.
   */
  static Scope enter(TraceContext context) {
    return TraceContext.current() == context ? NOOP : ContextStorage.attachForTask(context);
  }
}
