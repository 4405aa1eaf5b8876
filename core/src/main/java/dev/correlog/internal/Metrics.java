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

  /** Events sampling dropped after they were started or held (error flush's discards). */
  public final LongAdder sampledOut = new LongAdder();

  /** Events sampling dropped at their logger, before anything was built: many per request. */
  public final StripedCount sampledOutAtLogger = new StripedCount();

  /** Events below their logger's level, when {@link #countDisabled}. */
  public final StripedCount disabled = new StripedCount();

  /**
   * Whether events below their logger's level are counted: off unless the builder's {@code
   * countDisabled(true)}, so that a disabled event writes nothing on the calling thread.
   */
  public final boolean countDisabled;

  public final LongAdder schemaViolations = new LongAdder();
  public final LongAdder sinkFailures = new LongAdder();
  public final LongAdder dropped = new LongAdder();
  public final LongAdder encodingErrors = new LongAdder();
  public final LongAdder truncated = new LongAdder();
  public final LongAdder internalErrors = new LongAdder();

  /** Disabled events not counted. */
  public Metrics() {
    this(false);
  }

  public Metrics(boolean countDisabled) {
    this.countDisabled = countDisabled;
  }

  /** Lines handed to the sink and taken by it, every way they are counted. */
  public long emitted() {
    return emitted.sum() + emitCounts.sum();
  }
}
