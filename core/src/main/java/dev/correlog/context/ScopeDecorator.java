package dev.correlog.context;

/**
 * Runs beside every {@link Scope}: mirrors the current {@link TraceContext} into something else
 * that is per thread (SLF4J's MDC, {@code io.grpc.Context}, a tracer's own thread-local) and puts
 * it back when the scope ends. Registered with {@link ContextStorage#addDecorator(ScopeDecorator)};
 * the storage itself knows none of them. Shaped after Brave's {@code ScopeDecorator} and
 * OpenTelemetry's {@code ContextStorage.addWrapper}.
 *
 * <pre>{@code
 * ContextStorage.addDecorator(context -> {
 *   TraceContext previous = MY_THREAD_LOCAL.get();
 *   MY_THREAD_LOCAL.set(context);
 *   return () -> MY_THREAD_LOCAL.set(previous); // restores exactly
 * });
 * }</pre>
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #decorate(TraceContext)} is called on the scope's thread, after {@code context}
 *       became current. {@code context} is null when an executor runs a task that was submitted
 *       with no context (the thread's context is hidden for the task): the decorator should then
 *       show "no context".
 *   <li>The returned scope (null: nothing to undo) is closed on the same thread when the scope
 *       ends, after the previous context is current again, in the reverse order of the decorators.
 *       Scopes closed out of order, on another thread, or left open by a task are repaired by the
 *       storage: each decorator scope is still closed exactly once, on the thread that opened it,
 *       from the innermost outwards.
 *   <li>A decorator that throws, from {@code decorate} or from its scope's {@code close}, never
 *       breaks the scope: the failure is counted ({@link ContextStorage#decoratorFailures()}),
 *       reported once on stderr, and the other decorators still run.
 *   <li>It is called for every scope of every thread: keep it cheap and non-blocking, and do not
 *       attach Correlog scopes from it (that would decorate again, without end).
 * </ul>
 */
@FunctionalInterface
public interface ScopeDecorator {
  /**
   * Mirrors {@code context} (null: no context) and returns what undoes it, or null.
   *
   * @param context the context that just became current on this thread, or null
   */
  Scope decorate(TraceContext context);
}
