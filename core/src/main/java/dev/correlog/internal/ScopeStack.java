package dev.correlog.internal;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Correlog context of each thread, as a stack of scopes, and the {@link ScopeDecorator}s run
 * around each scope. The storage knows no decorator: the SLF4J MDC mirror, an {@code io.grpc}
 * bridge and an engine's error-flush hook are all registered the same way.
 *
 * <p>Closing a scope restores exactly what was current before it, then closes its decorators'
 * scopes in reverse order. A scope closed out of order is marked closed, reported once, and popped
 * (with its decorators) when the scopes above it close. A scope closed on another thread is marked
 * closed there (reported once) and popped by its own thread at that thread's next attach, close or
 * {@link #clearStale()}: decorators ({@link ScopeDecorators}) always run on the thread that opened
 * the scope. When the stack empties the thread-local is removed, so a pooled thread is left as it
 * was found.
 */
public final class ScopeStack {
  private static final ThreadLocal<Node> CURRENT = new ThreadLocal<>();
  private static final LongAdder STALE_CLEARED = new LongAdder();

  private ScopeStack() {}

  /** The context of this thread's innermost open scope, or null. OpenTelemetry is not read. */
  public static TraceContext current() {
    return context(CURRENT.get());
  }

  /**
   * This thread's innermost scope, open or closed by another thread (null: none): one thread-local
   * read that serves both {@link #context(Node)} and the scope's {@link Node#slot}.
   */
  static Node top() {
    return CURRENT.get();
  }

  /** {@link #current()} from the {@link #top()} read before. */
  static TraceContext context(Node top) {
    Node n = top;
    while (n != null && n.closed()) { // only a scope closed on another thread is still stacked
      n = n.prev;
    }
    return n == null ? null : n.context;
  }

  /**
   * True when {@code TraceContext.current()} is a context decided not sampled, for an event in a
   * scope that noted, when attached, that its context is decided not sampled (a context is
   * immutable, so its decision cannot change within the scope). False is no answer (no such scope,
   * or it was closed on another thread): the caller then takes the full path. While no
   * OpenTelemetry span can be current ({@link OtelBridge#bypassed}, one read) the note decides.
   * Once spans are used, the context the event would be written with decides ({@link
   * OtelBridge#effective}: a valid current span's context, converted once per span context, else
   * the scope's), so a drop inside a span asks OpenTelemetry once, not here and again in the full
   * path. Only such scopes ask here: an event in any other scope reaches the full path without a
   * look at OpenTelemetry, so a kept event there asks once (one kept in such a scope, a sampled
   * span being current, asks twice, as before spans were read here).
   */
  public static boolean currentDecidedNotSampled() {
    Node n = CURRENT.get();
    if (n == null || n.state != Node.NOT_SAMPLED) {
      return false;
    }
    if (OtelBridge.bypassed()) {
      return true;
    }
    TraceContext effective = OtelBridge.effective(n.context);
    return effective.isSamplingDecided() && !effective.isSampled();
  }

  /** Makes {@code context} current until the returned scope closes. */
  public static Scope attach(TraceContext context) {
    if (context == null) {
      throw new NullPointerException("context");
    }
    return push(context, false);
  }

  /**
   * Makes {@code context} current for one unit of work (an executor's task, an adapter's callback);
   * null means "no context", which hides whatever the thread had. Closing the returned scope
   * restores the thread exactly as it was, also when the work left scopes of its own open (they are
   * closed, with their decorators, and reported once).
   */
  public static Scope attachForTask(TraceContext context) {
    return push(context, true);
  }

  private static Node push(TraceContext context, boolean task) {
    Node top = CURRENT.get();
    if (top != null && top.closed()) {
      top = popClosed(top); // a scope closed on another thread: repaired here, on its own thread
    }
    Node n = new Node(context, top, Thread.currentThread(), task);
    CURRENT.set(n);
    n.decorations = ScopeDecorators.decorate(context);
    return n;
  }

  /**
   * Closes every scope still open on this thread, restoring its decorators (the MDC) as they were
   * before the lowest one opened, and removes the thread-local. Returns how many were open. Meant
   * for where a thread starts new work and nothing of earlier work may remain (see {@code
   * dev.correlog.context.ContextStorage#clearStale()}). Open scopes found are counted and reported
   * once.
   */
  public static int clearStale() {
    Node top = CURRENT.get();
    if (top == null) {
      return 0;
    }
    int open = 0;
    for (Node n = top; n != null; n = n.prev) {
      if (!n.closed()) {
        open++;
        n.markClosed();
      }
    }
    popClosed(top);
    if (open > 0) {
      STALE_CLEARED.add(open);
      Reporter.once(
          "scope.stale",
          "a thread starting new work still had "
              + open
              + " Scope(s) open, left by earlier work on the same (pooled) thread; "
              + "Correlog closed them. Close every Scope you open (try-with-resources).");
    }
    return open;
  }

  /** Scopes closed by {@link #clearStale()} since the JVM started. */
  public static long staleCleared() {
    return STALE_CLEARED.sum();
  }

  /** Depth of this thread's scope stack, counting scopes closed out of order (tests only). */
  static int depth() {
    int d = 0;
    for (Node n = CURRENT.get(); n != null; n = n.prev) {
      d++;
    }
    return d;
  }

  /**
   * Pops every closed scope from the top of this thread's stack, closing their decorators from the
   * top down, and returns the new top (null: the thread-local is removed).
   */
  private static Node popClosed(Node top) {
    if (top == null || !top.closed()) {
      return top;
    }
    Node p = top.prev;
    while (p != null && p.closed()) {
      p = p.prev;
    }
    if (p == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(p);
    }
    for (Node n = top; n != p; n = n.prev) {
      ScopeDecorators.undecorate(n.decorations);
      n.decorations = null;
      n.slotKey = null;
      n.slotValue = null;
    }
    return p;
  }

  static final class Node implements Scope {
    final TraceContext context; // null only for a task run with no context
    final Node prev;
    final Thread owner;
    final boolean task;
    Scope[] decorations; // read and written by the owner thread only
    // One value kept for the scope's life by its owner thread (a BuilderPool's builder for this
    // thread), so an event reads its context and its builder with one thread-local lookup. Dropped
    // when the scope is popped; a value of a library class lives no longer than the scope itself.
    private Object slotKey;
    private Object slotValue;

    /** The value kept under {@code key} (identity), or null; owner thread only. */
    Object slot(Object key) {
      return slotKey == key ? slotValue : null;
    }

    /** Keeps {@code value} under {@code key} for this scope's life; owner thread only. */
    void keep(Object key, Object value) {
      slotKey = key;
      slotValue = value;
    }

    /**
     * {@link #NOT_SAMPLED} when the context is decided not sampled, set once here; {@link #CLOSED}
     * added when the scope closes (on any thread: the only change, so a plain or-and-write is
     * safe). One byte, so the drop check reads both in one load.
     */
    volatile byte state;

    static final byte CLOSED = (byte) 0x80; // the sign bit: closed() is one compare
    static final byte NOT_SAMPLED = 1;

    Node(TraceContext context, Node prev, Thread owner, boolean task) {
      this.context = context;
      this.prev = prev;
      this.owner = owner;
      this.task = task;
      boolean out = context != null && context.isSamplingDecided() && !context.isSampled();
      this.state = out ? NOT_SAMPLED : 0;
    }

    boolean closed() {
      return state < 0;
    }

    void markClosed() {
      state = (byte) (state | CLOSED);
    }

    @Override
    public void close() {
      if (closed()) {
        return;
      }
      markClosed();
      if (Thread.currentThread() != owner) {
        Reporter.once(
            "scope.thread",
            "a Scope was closed on a thread other than the one that opened it; "
                + "the opening thread's context is repaired at its next attach or close");
        return;
      }
      Node top = CURRENT.get();
      if (top != this) {
        if (task) {
          closeLeaked(top);
        } else if (openAbove(top)) {
          Reporter.once(
              "scope.order",
              "Scopes were closed out of order; Correlog repaired the context. "
                  + "Close scopes in reverse order (try-with-resources does).");
          return;
        }
      }
      popClosed(top);
    }

    /** True when a scope above this one in the stack starting at {@code top} is still open. */
    private boolean openAbove(Node top) {
      for (Node n = top; n != null && n != this; n = n.prev) {
        if (!n.closed()) {
          return true;
        }
      }
      return false;
    }

    /** Closes the scopes a task left open above this one, so closing them later does nothing. */
    private void closeLeaked(Node top) {
      boolean leaked = false;
      for (Node n = top; n != null && n != this; n = n.prev) {
        leaked |= !n.closed();
        n.markClosed();
      }
      if (leaked) {
        Reporter.once(
            "scope.leak",
            "a task run by a context-wrapping executor left a Scope open; "
                + "Correlog closed it when the task ended. Close every Scope you open.");
      }
    }
  }
}
