package dev.correlog.grpc;

import dev.correlog.context.ContextStorage;
import dev.correlog.context.Scope;
import dev.correlog.context.ScopeDecorator;
import dev.correlog.context.TraceContext;
import io.grpc.Context;

/**
 * Mirrors Correlog's current context into {@code io.grpc.Context}: a {@link ScopeDecorator} that,
 * for the life of every Correlog scope, attaches {@code Context.current()} with the scope's {@link
 * TraceContext} under {@link #KEY}, and detaches it when the scope ends. So {@code
 * Context.current()} inside a scope carries the trace, and what gRPC and applications carry with
 * {@code io.grpc.Context} ({@code Context.current().wrap(..)}, {@code
 * Context.currentContextExecutor(..)}, {@code Context.run(..)}) carries it to other threads, where
 * the client interceptor finds it (see {@link #current()}).
 *
 * <p>Installed once per class loader by {@link CorrelogGrpc} (unless turned off); process-wide, as
 * the storage's decorators are. The {@code io.grpc.Context} deadline and cancellation of a server
 * call are kept: the attached context is a child of the current one.
 */
final class GrpcContextBridge implements ScopeDecorator {
  static final Context.Key<TraceContext> KEY = Context.key("dev.correlog.trace-context");

  static final GrpcContextBridge INSTANCE = new GrpcContextBridge();

  private GrpcContextBridge() {}

  /** Registers the bridge with Correlog's context storage; later calls do nothing. */
  static void install() {
    ContextStorage.addDecorator(INSTANCE);
  }

  /**
   * The caller's context for an outgoing call: Correlog's current context, else the one carried by
   * {@code io.grpc.Context.current()} (a task wrapped by {@code Context.wrap}), else null.
   */
  static TraceContext current() {
    TraceContext c = TraceContext.current();
    return c != null ? c : KEY.get();
  }

  @Override
  public Scope decorate(TraceContext context) {
    Context current = Context.current();
    if (KEY.get(current) == context) {
      return null;
    }
    Context attached = current.withValue(KEY, context);
    Context previous = attached.attach();
    return () -> attached.detach(previous);
  }
}
