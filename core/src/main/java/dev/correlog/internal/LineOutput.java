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

  /** Writes a line; {@code count}: the builder's own count, or null to count in the adder. */
  void write(Level level, byte[] line, int off, int len, EmitCounts.Cell count) {
    if (sink.write(level, line, off, len)) {
      if (count != null) {
        count.increment();
      } else {
        metrics.emitted.increment();
      }
    }
  }

  /** The emitted count of a new reused builder. */
  EmitCounts.Cell countFor(Object builder) {
    return metrics.emitCounts.cell(builder);
  }

  void hold(TraceContext ctx, Level level, byte[] line, int off, int len) {
    if (held != null) {
      held.hold(ctx, level, line, off, len);
    }
  }
}
