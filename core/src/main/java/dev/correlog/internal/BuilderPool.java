package dev.correlog.internal;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Hands out reusable builders: one per platform thread through a thread-local, and from a small
 * shared pool on virtual threads (where a thread-local per thread would cost a builder per task) or
 * when the thread's own builder is busy (an event logged while another is being built, from a
 * {@code toString()} say). A pooled builder stays in its slot and is claimed for one event with a
 * compare-and-set; it releases the claim itself when the event ends, so the builder never calls
 * back here. When every slot is claimed a fresh builder is made for the one event.
 *
 * <p>A thread's own builder is held through a {@link WeakReference}: the thread-local's value is
 * then a JDK object, so a container thread that outlives a redeployed application keeps no class of
 * this library (nor its class loader) alive. Between events the builder is only weakly reachable,
 * so a garbage collection may clear it; the thread then makes a new one at its next event (a few
 * small buffers per thread per collection, nothing per event).
 */
final class BuilderPool {
  private static final Class<?> VIRTUAL_THREAD_CLASS = virtualThreadClass();

  private final LineFormat format;
  private final LineOutput output;
  private final ThreadLocal<WeakReference<DefaultEventBuilder>> local = new ThreadLocal<>();
  private final AtomicReferenceArray<DefaultEventBuilder> shared;

  BuilderPool(LineFormat format, LineOutput output) {
    this.format = format;
    this.output = output;
    this.shared =
        new AtomicReferenceArray<>(Math.max(4, Runtime.getRuntime().availableProcessors() * 4));
  }

  private static Class<?> virtualThreadClass() {
    try {
      return Class.forName("java.lang.VirtualThread");
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  static boolean isVirtual(Thread t) {
    Class<?> c = VIRTUAL_THREAD_CLASS;
    return c != null && c.isInstance(t);
  }

  /**
   * A builder for one event. {@code top}: this thread's innermost scope, read already by the caller
   * (null: none, or not read): the thread's builder is kept in it for the scope's life, so the next
   * events in the scope find it there without a second thread-local lookup.
   */
  DefaultEventBuilder acquire(ScopeStack.Node top) {
    if (top != null) {
      Object kept = top.slot(this);
      if (kept != null) {
        DefaultEventBuilder b = (DefaultEventBuilder) kept;
        if (!b.inUse) {
          return b;
        }
      }
    }
    if (!isVirtual(Thread.currentThread())) {
      WeakReference<DefaultEventBuilder> ref = local.get();
      DefaultEventBuilder b = ref == null ? null : ref.get();
      if (b == null) {
        b = new DefaultEventBuilder(format, output, true);
        b.countOwnLines();
        local.set(new WeakReference<>(b));
      }
      if (!b.inUse) {
        if (top != null) {
          top.keep(this, b);
        }
        return b;
      }
    }
    int n = shared.length();
    int start = (int) Thread.currentThread().getId() & 0x7fffffff;
    for (int i = 0; i < n; i++) {
      int slot = (start + i) % n;
      DefaultEventBuilder b = shared.get(slot);
      if (b == null) {
        DefaultEventBuilder fresh = new DefaultEventBuilder(format, output, false);
        fresh.claimNew();
        if (shared.compareAndSet(slot, null, fresh)) {
          fresh.countOwnLines(); // claimed by this thread until its line ends
          return fresh;
        }
        b = shared.get(slot);
      }
      if (b.tryClaim()) {
        return b;
      }
    }
    DefaultEventBuilder unpooled = new DefaultEventBuilder(format, output, false);
    unpooled.claimNew();
    return unpooled;
  }
}
