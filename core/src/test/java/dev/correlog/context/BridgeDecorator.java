package dev.correlog.context;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Mirrors the current context into a thread-local of its own, the way the gRPC adapter bridges to
 * {@code io.grpc.Context}: attach returns the previous value, and detaching checks, as gRPC does,
 * that what it undoes is what it attached on this very thread. Every mismatch is recorded.
 */
final class BridgeDecorator implements ScopeDecorator {
  final ThreadLocal<TraceContext> bridge = new ThreadLocal<>();
  final List<String> mismatches = new CopyOnWriteArrayList<>();

  @Override
  public Scope decorate(TraceContext context) {
    TraceContext previous = bridge.get();
    bridge.set(context);
    Thread owner = Thread.currentThread();
    return () -> {
      if (Thread.currentThread() != owner) {
        mismatches.add("detached on " + Thread.currentThread().getName());
      }
      if (bridge.get() != context) {
        mismatches.add("detaching " + context + " but " + bridge.get() + " was attached");
      }
      if (previous == null) {
        bridge.remove();
      } else {
        bridge.set(previous);
      }
    };
  }

  /** What the bridge shows on this thread. */
  TraceContext get() {
    return bridge.get();
  }
}
