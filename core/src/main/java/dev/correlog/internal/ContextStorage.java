package dev.correlog.internal;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;

/**
 * The current {@link TraceContext} of each thread, as a stack of scopes. Closing a scope restores
 * exactly what was current before it; a scope closed out of order is marked closed, reported once,
 * and skipped when the scopes above it close. When the stack empties the thread-local is removed,
 * so a pooled thread is left as it was found.
 */
public final class ContextStorage {
  private static final ThreadLocal<Node> CURRENT = new ThreadLocal<>();

  private ContextStorage() {}

  public static TraceContext current() {
    Node n = CURRENT.get();
    return n == null ? null : n.context;
  }

  public static Scope attach(TraceContext context) {
    if (context == null) {
      throw new NullPointerException("context");
    }
    Node prev = CURRENT.get();
    Node n = new Node(context, prev, Thread.currentThread(), MdcMirror.enter(context));
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

  private static final class Node implements Scope {
    final TraceContext context;
    final Node prev;
    final Thread owner;
    final Object savedMdc;
    boolean closed;

    Node(TraceContext context, Node prev, Thread owner, Object savedMdc) {
      this.context = context;
      this.prev = prev;
      this.owner = owner;
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
      Node current = CURRENT.get();
      if (current != this) {
        Reporter.once(
            "scope.order",
            "Scopes were closed out of order; Correlog repaired the context. "
                + "Close scopes in reverse order (try-with-resources does).");
        return;
      }
      Node lowest = this;
      Node p = prev;
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
    }
  }
}
