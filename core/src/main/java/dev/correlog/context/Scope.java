package dev.correlog.context;

/**
 * What {@link TraceContext#attach()} returns: closing it restores the context that was current
 * before. Close scopes in the reverse order of opening them; a scope closed out of order is
 * detected, reported once on stderr, and the thread's context is repaired.
 */
public interface Scope extends AutoCloseable {
  /** Restores the previous context. Never throws; closing twice does nothing. */
  @Override
  void close();
}
