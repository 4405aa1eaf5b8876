package dev.correlog.internal;

import dev.correlog.context.Scope;
import dev.correlog.context.ScopeDecorator;
import dev.correlog.context.TraceContext;

/**
 * Error flush's scope decorator: when a thread leaves a trace (its outermost scope of that trace
 * closes), the lines held for that trace on behalf of one engine are discarded. The engine holds
 * the hook; the storage holds it weakly ({@link ScopeDecorators#addWeak}), so an engine that is
 * dropped without {@code close()} is still collected.
 */
final class TraceExitHook implements ScopeDecorator {
  private final RequestBuffers buffers;

  TraceExitHook(RequestBuffers buffers) {
    this.buffers = buffers;
  }

  @Override
  public Scope decorate(TraceContext context) {
    if (context == null) {
      return null;
    }
    return () -> {
      TraceContext now = ScopeStack.current(); // already restored when decorators close
      if (now == null
          || now.traceIdHigh() != context.traceIdHigh()
          || now.traceIdLow() != context.traceIdLow()) {
        buffers.discard(context);
      }
    };
  }
}
