package dev.correlog.internal;

import dev.correlog.Level;
import dev.correlog.context.TraceContext;

/**
 * Where a finished line goes: the guarded sink (counted as emitted when it took the line), or the
 * error-flush buffer of its request when it was sampled out and is held.
 */
final class LineOutput {
  final Metrics metrics;
  private final SinkGuard sink;
  private final RequestBuffers held; // null: error flush off

  LineOutput(SinkGuard sink, RequestBuffers held, Metrics metrics) {
    this.sink = sink;
    this.held = held;
    this.metrics = metrics;
  }

  void write(Level level, byte[] line, int off, int len) {
    if (sink.write(level, line, off, len)) {
      metrics.emitted.increment();
    }
  }

  void hold(TraceContext ctx, Level level, byte[] line, int off, int len) {
    if (held != null) {
      held.hold(ctx, level, line, off, len);
    }
  }
}
