package dev.correlog.internal;

import dev.correlog.context.Scope;
import dev.correlog.context.ScopeDecorator;
import dev.correlog.context.TraceContext;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The process-wide list of {@link ScopeDecorator}s that {@link ScopeStack} runs around every scope:
 * copy-on-write, read without a lock on each attach. User decorators are held strongly; an engine's
 * hook is held weakly. A decorator that throws is counted and reported once, never rethrown.
 */
public final class ScopeDecorators {
  private static final Object LOCK = new Object();
  private static final LongAdder FAILURES = new LongAdder();
  private static volatile Entry[] entries = initialEntries();

  private ScopeDecorators() {}

  /** Exceptions thrown by decorators (from decorate or from their scopes' close). */
  public static long failures() {
    return FAILURES.sum();
  }

  private static Entry[] initialEntries() {
    if (MdcMirror.AVAILABLE && !Boolean.getBoolean("correlog.mdc.disabled")) {
      return new Entry[] {new Entry(MdcMirror.INSTANCE, false)};
    }
    return new Entry[0];
  }

  /** Adds {@code d} (held strongly) after the others; false when it is already registered. */
  public static boolean add(ScopeDecorator d) {
    return register(d, false);
  }

  /**
   * Adds {@code d}, held weakly: it is dropped when its owner (an engine) is collected, so the
   * process-wide list never keeps an engine, or its class loader, alive.
   */
  public static boolean addWeak(ScopeDecorator d) {
    return register(d, true);
  }

  private static boolean register(ScopeDecorator d, boolean weak) {
    if (d == null) {
      throw new NullPointerException("decorator");
    }
    synchronized (LOCK) {
      List<Entry> next = live();
      for (Entry e : next) {
        if (e.get() == d) {
          return false;
        }
      }
      next.add(new Entry(d, weak));
      entries = next.toArray(new Entry[0]);
      return true;
    }
  }

  /** Removes {@code d}; scopes open now still close what it gave them. False when absent. */
  public static boolean remove(ScopeDecorator d) {
    synchronized (LOCK) {
      List<Entry> next = live();
      boolean removed = next.removeIf(e -> e.get() == d);
      entries = next.toArray(new Entry[0]);
      return removed;
    }
  }

  /** The registered decorators, in the order they run, weakly held ones included while alive. */
  public static List<ScopeDecorator> all() {
    List<ScopeDecorator> out = new ArrayList<>();
    for (Entry e : entries) {
      ScopeDecorator d = e.get();
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  /** The entries whose decorator is still alive, as a new list; call with LOCK held. */
  private static List<Entry> live() {
    List<Entry> next = new ArrayList<>();
    for (Entry e : entries) {
      if (e.get() != null) {
        next.add(e);
      }
    }
    return next;
  }

  static Scope[] decorate(TraceContext context) {
    Entry[] es = entries;
    Scope[] out = null;
    int k = 0;
    boolean collected = false;
    for (Entry e : es) {
      ScopeDecorator d = e.get();
      if (d == null) {
        collected = true;
        continue;
      }
      Scope s;
      try {
        s = d.decorate(context);
      } catch (Throwable t) {
        failed(d, t);
        continue;
      }
      if (s != null) {
        if (out == null) {
          out = new Scope[es.length];
        }
        out[k++] = s;
      }
    }
    if (collected) {
      synchronized (LOCK) {
        entries = live().toArray(new Entry[0]);
      }
    }
    return out;
  }

  /** Closes decorator scopes in reverse order; one that throws never stops the others. */
  static void undecorate(Scope[] scopes) {
    if (scopes == null) {
      return;
    }
    for (int i = scopes.length - 1; i >= 0; i--) {
      Scope s = scopes[i];
      if (s != null) {
        try {
          s.close();
        } catch (Throwable t) {
          failed(s, t);
        }
      }
    }
  }

  private static void failed(Object who, Throwable t) {
    FAILURES.increment();
    String name;
    try {
      name = who.getClass().getName() + " threw " + t.getClass().getName();
    } catch (Throwable ignored) {
      name = "a decorator threw";
    }
    Reporter.once(
        "scope.decorator",
        "a ScopeDecorator failed ("
            + name
            + "); the scope works without it. ContextStorage.decoratorFailures() counts them.");
  }

  /** A registered decorator, held strongly or weakly. */
  private static final class Entry {
    private final ScopeDecorator strong;
    private final WeakReference<ScopeDecorator> weak;

    Entry(ScopeDecorator d, boolean weak) {
      this.strong = weak ? null : d;
      this.weak = weak ? new WeakReference<>(d) : null;
    }

    ScopeDecorator get() {
      return strong != null ? strong : weak.get();
    }
  }
}
