package dev.correlog.internal;

import dev.correlog.context.Scope;
import dev.correlog.context.ScopeDecorator;
import dev.correlog.context.TraceContext;

/**
 * Error flush's scope decorator: counts the open scopes of each trace in this process, on every
 * thread, for one engine; when the last one closes (the trace has left the process: the request
 * thread, its async continuations, a Kafka consumer's or a gRPC server's thread alike), the lines
 * held for that trace are discarded. One thread leaving a trace that another thread still serves
 * keeps them. The engine holds the hook; the storage holds it weakly ({@link
 * ScopeDecorators#addWeak}), so an engine that is dropped without {@code close()} is still
 * collected.
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
    return buffers.enter(context); // closed once per scope: counts it out
  }
}
