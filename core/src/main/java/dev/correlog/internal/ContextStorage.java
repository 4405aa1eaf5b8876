package dev.correlog.internal;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;

/**
 * The current {@link TraceContext} of each thread, as a stack of scopes. Closing a scope restores
 * exactly what was current before it; a scope closed out of order is marked closed, reported once,
 * and skipped when the scopes above it close. A scope closed on another thread is marked closed
 * there (reported once) and popped by its own thread at that thread's next close. When the stack
 * empties the thread-local is removed, so a pooled thread is left as it was found.
 */
public final class ContextStorage {
  private static final ThreadLocal<Node> CURRENT = new ThreadLocal<>();

  private ContextStorage() {}

  /** The context of this thread's innermost open scope, or null. */
  public static TraceContext current() {
    Node n = CURRENT.get();
    while (n != null && n.closed) { // only a scope closed on another thread is still stacked
      n = n.prev;
    }
    return n == null ? null : n.context;
  }

  /** Makes {@code context} current until the returned scope closes. */
  public static Scope attach(TraceContext context) {
    if (context == null) {
      throw new NullPointerException("context");
    }
    return push(context, false);
  }

  /**
   * Makes {@code context} current for one task run by an executor; null means "no context", which
   * hides whatever the worker thread had. Closing the returned scope restores the worker exactly as
   * it was, also when the task left scopes of its own open (they are closed and reported once).
   */
  public static Scope attachForTask(TraceContext context) {
    return push(context, true);
  }

  private static Node push(TraceContext context, boolean task) {
    Object savedMdc = MdcMirror.enter(context);
    Node n = new Node(context, CURRENT.get(), Thread.currentThread(), task, savedMdc);
    CURRENT.set(n);
    return n;
  }

  /** Depth of this thread's scope stack, counting scopes closed out of order (tests only). */
  static int depth() {
    int d = 0;
    for (Node n = CURRENT.get(); n != null; n = n.prev) {
      d++;
    }
    return d;
  }

  /** Pops every closed scope from the top of this thread's stack and restores the MDC. */
  private static void popClosed(Node top) {
    if (top == null || !top.closed) {
      return;
    }
    Node lowest = top;
    Node p = top.prev;
    while (p != null && p.closed) {
      lowest = p;
      p = p.prev;
    }
    if (p == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(p);
    }
    MdcMirror.restore(lowest.savedMdc);
    if (!EXIT_LISTENERS.isEmpty()) {
      TraceContext now = p == null ? null : p.context;
      for (Node n = top; n != p; n = n.prev) {
        if (n.context != null && !sameTrace(n.context, now)) {
          notifyExit(n.context);
        }
      }
    }
  }

  /** Told when a thread leaves a trace: its outermost scope of that trace closed. */
  public interface TraceExitListener {
    void traceExited(TraceContext context);
  }

  private static final java.util.List<java.lang.ref.WeakReference<TraceExitListener>>
      EXIT_LISTENERS = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Registers {@code listener}, held weakly: it goes away with its owner. */
  public static void addExitListener(TraceExitListener listener) {
    EXIT_LISTENERS.add(new java.lang.ref.WeakReference<>(listener));
  }

  private static boolean sameTrace(TraceContext a, TraceContext b) {
    return b != null && a.traceIdHigh() == b.traceIdHigh() && a.traceIdLow() == b.traceIdLow();
  }

  private static void notifyExit(TraceContext context) {
    for (java.lang.ref.WeakReference<TraceExitListener> ref : EXIT_LISTENERS) {
      TraceExitListener l = ref.get();
      if (l == null) {
        EXIT_LISTENERS.remove(ref);
      } else {
        try {
          l.traceExited(context);
        } catch (RuntimeException e) {
          Reporter.once("scope.exit", "a trace exit listener failed", e);
        }
      }
    }
  }

  private static final class Node implements Scope {
    final TraceContext context; // null only for a task run with no context
    final Node prev;
    final Thread owner;
    final boolean task;
    final Object savedMdc;
    volatile boolean closed;

    Node(TraceContext context, Node prev, Thread owner, boolean task, Object savedMdc) {
      this.context = context;
      this.prev = prev;
      this.owner = owner;
      this.task = task;
      this.savedMdc = savedMdc;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (Thread.currentThread() != owner) {
        Reporter.once(
            "scope.thread",
            "a Scope was closed on a thread other than the one that opened it; "
                + "the opening thread's context is repaired when its next scope closes");
        return;
      }
      Node top = CURRENT.get();
      if (top != this) {
        if (task) {
          closeLeaked(top);
          top = this;
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
        if (!n.closed) {
          return true;
        }
      }
      return false;
    }

    /** Closes the scopes a task left open above this one, so closing them later does nothing. */
    private void closeLeaked(Node top) {
      boolean leaked = false;
      for (Node n = top; n != null && n != this; n = n.prev) {
        leaked |= !n.closed;
        n.closed = true;
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
