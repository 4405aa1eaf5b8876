package dev.correlog.internal;

import java.util.concurrent.atomic.LongAdder;

/** The live counters of one Correlog; read through {@code dev.correlog.Counters}. */
public final class Metrics {
  public final LongAdder emitted = new LongAdder();
  public final LongAdder sampledOut = new LongAdder();

  /** Events below their level on loggers their Correlog does not keep (past its bound). */
  public final LongAdder disabled = new LongAdder();

  public final LongAdder schemaViolations = new LongAdder();
  public final LongAdder sinkFailures = new LongAdder();
  public final LongAdder dropped = new LongAdder();
  public final LongAdder encodingErrors = new LongAdder();
  public final LongAdder truncated = new LongAdder();
  public final LongAdder internalErrors = new LongAdder();
}
