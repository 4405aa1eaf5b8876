package dev.correlog.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Hands out reusable builders: one per platform thread through a thread-local, and from a small
 * shared pool on virtual threads (where a thread-local per thread would cost a builder per task) or
 * when the thread's own builder is busy (an event logged while another is being built, from a
 * {@code toString()} say). When the pool is empty a fresh builder is made and later kept or
 * dropped.
 */
final class BuilderPool {
  private static final Class<?> VIRTUAL_THREAD_CLASS = virtualThreadClass();

  private final Engine engine;
  private final ThreadLocal<DefaultEventBuilder> local;
  private final AtomicReferenceArray<DefaultEventBuilder> shared;

  BuilderPool(Engine engine) {
    this.engine = engine;
    this.local = ThreadLocal.withInitial(() -> new DefaultEventBuilder(engine, true));
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

  DefaultEventBuilder acquire() {
    if (!isVirtual(Thread.currentThread())) {
      DefaultEventBuilder b = local.get();
      if (!b.inUse) {
        return b;
      }
    }
    int n = shared.length();
    int start = (int) Thread.currentThread().getId() & 0x7fffffff;
    for (int i = 0; i < n; i++) {
      int slot = (start + i) % n;
      DefaultEventBuilder b = shared.get(slot);
      if (b != null && shared.compareAndSet(slot, b, null)) {
        return b;
      }
    }
    return new DefaultEventBuilder(engine, false);
  }

  void release(DefaultEventBuilder b) {
    if (b.threadOwned) {
      return;
    }
    int n = shared.length();
    for (int i = 0; i < n; i++) {
      if (shared.get(i) == null && shared.compareAndSet(i, null, b)) {
        return;
      }
    }
  }
}
