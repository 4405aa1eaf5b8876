package dev.correlog.context;

import dev.correlog.internal.MdcMirror;
import dev.correlog.internal.ScopeDecorators;
import dev.correlog.internal.ScopeStack;
import java.util.List;
import java.util.Objects;

/**
 * Where the current {@link TraceContext} of each thread is kept, and the hooks integrations use on
 * it. The storage is one per class loader (as SLF4J's MDC or OpenTelemetry's context storage): a
 * scope opened by any {@code Correlog} instance, any adapter or {@link TraceContext#attach()} is
 * seen by all of them.
 *
 * <h2>Decorators</h2>
 *
 * <p>A {@link ScopeDecorator} mirrors every scope into something else that is per thread. The SLF4J
 * MDC mirror is one ({@link #mdcMirror()}), installed by default when slf4j-api is on the class
 * path (unless the system property {@code correlog.mdc.disabled} is {@code true}). To turn it off:
 *
 * <pre>{@code
 * ContextStorage.removeDecorator(ContextStorage.mdcMirror());
 * }</pre>
 *
 * <p>The list of decorators is process-wide and holds them strongly: an application that is
 * redeployed in a container removes the decorators it added when it stops.
 *
 * <h2>Stale scopes on pooled threads</h2>
 *
 * <p>A scope that is never closed stays current on its thread. On a pooled thread that runs
 * unrelated work (a servlet container's request threads, a plain {@code ExecutorService} not
 * wrapped with {@link ContextExecutors}), the next work on that thread would run in that context,
 * and the thread keeps it in memory. Such a scope is <em>stale</em>: open on a thread where a new,
 * unrelated unit of work starts. Correlog cannot know where a plain thread's work begins; where an
 * adapter knows (the start of a request on a container thread, a record loop of a consumer), it
 * calls {@link #clearStale()} before making the request's context current, and the leak is repaired
 * and reported. Executors wrapped by {@link ContextExecutors} and {@link
 * #attachForTask(TraceContext)} close what a task left open when the task ends.
 */
public final class ContextStorage {
  private ContextStorage() {}

  /**
   * Adds {@code decorator} after the ones already registered; it runs for every scope opened from
   * now on, on every thread. Adding one already registered does nothing.
   *
   * @return false when {@code decorator} was already registered
   * @throws NullPointerException when {@code decorator} is null
   */
  public static boolean addDecorator(ScopeDecorator decorator) {
    return ScopeDecorators.add(Objects.requireNonNull(decorator, "decorator"));
  }

  /**
   * Removes {@code decorator} for scopes opened from now on. Scopes open now still close what it
   * gave them, so every thread is restored exactly.
   *
   * @return false when {@code decorator} was not registered
   */
  public static boolean removeDecorator(ScopeDecorator decorator) {
    return ScopeDecorators.remove(decorator);
  }

  /** The registered decorators, in the order they run (their scopes close in reverse order). */
  public static List<ScopeDecorator> decorators() {
    return ScopeDecorators.all();
  }

  /**
   * The SLF4J MDC mirror: puts {@code trace_id}, {@code span_id}, {@code trace_flags} (2 lowercase
   * hex digits; only once the trace's sampling decision is made, absent for a local root not yet
   * decided, whose {@code 02} would read as "not sampled") and {@code request_id} in {@code
   * org.slf4j.MDC} for the life of each scope, under the key names of OpenTelemetry's Logback MDC
   * instrumentation, and restores the previous values (the user's own included) when the scope
   * ends. It goes through {@code org.slf4j.MDC} only, so whatever MDC adapter the SLF4J provider
   * has is the one written. Registered by default when slf4j-api is present; without slf4j-api it
   * does nothing.
   */
  public static ScopeDecorator mdcMirror() {
    return MdcMirror.INSTANCE;
  }

  /**
   * Makes {@code context} current for one unit of work that an adapter runs on a thread it does not
   * own (a callback, a task); null means "no context" and hides whatever the thread had. Unlike
   * {@link TraceContext#attach()}, closing the returned scope also closes any scope the work left
   * open above it (reported once), so the thread is always left exactly as it was.
   */
  public static Scope attachForTask(TraceContext context) {
    return ScopeStack.attachForTask(context);
  }

  /**
   * Closes every scope still open on this thread and returns how many there were. Call it where
   * this thread starts a new unit of work and nothing of earlier work may remain current, before
   * making the new work's context current: the outermost entry of a request on a container thread,
   * for example. Scopes found open are stale (see the class description): they are closed, their
   * decorators are restored (the MDC as it was before the first of them), the thread-local is
   * removed, the count is added to {@link #staleScopesCleared()} and the first time is reported on
   * stderr. Closing such a scope later does nothing.
   *
   * <p>Do not call it where work may legitimately run nested on a thread that already has a
   * context: a forwarded servlet dispatch, an in-process call run on the caller's thread.
   */
  public static int clearStale() {
    return ScopeStack.clearStale();
  }

  /** Scopes {@link #clearStale()} found open, since the JVM started. */
  public static long staleScopesCleared() {
    return ScopeStack.staleCleared();
  }

  /** Exceptions thrown by decorators (from decorate or from their scope's close), since start. */
  public static long decoratorFailures() {
    return ScopeDecorators.failures();
  }
}
