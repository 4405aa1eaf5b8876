package dev.correlog.internal;

import java.util.concurrent.atomic.LongAdder;

/** The live counters of one Correlog; read through {@code dev.correlog.Counters}. */
public final class Metrics {
  /**
   * Lines emitted outside a reused builder (held lines flushed, one-event builders); the reused
   * builders count theirs in {@link #emitCounts}. The whole figure is {@link #emitted()}.
   */
  public final LongAdder emitted = new LongAdder();

  final EmitCounts emitCounts = new EmitCounts();
  public final LongAdder sampledOut = new LongAdder();

  /** Events below their level on loggers their Correlog does not keep (past its bound). */
  public final LongAdder disabled = new LongAdder();

  public final LongAdder schemaViolations = new LongAdder();
  public final LongAdder sinkFailures = new LongAdder();
  public final LongAdder dropped = new LongAdder();
  public final LongAdder encodingErrors = new LongAdder();
  public final LongAdder truncated = new LongAdder();
  public final LongAdder internalErrors = new LongAdder();

  /** Lines handed to the sink and taken by it, every way they are counted. */
  public long emitted() {
    return emitted.sum() + emitCounts.sum();
  }
}
