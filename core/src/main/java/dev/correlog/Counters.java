package dev.correlog;

import dev.correlog.internal.Engine;
import dev.correlog.internal.Metrics;

/**
 * The counters of one {@link Correlog}, read live. Every figure only grows. An emitted event is
 * counted by its builder with a plain store, no lock (a reader adds up the builders' counts); an
 * event sampling drops at its logger (and a disabled one, when counted) is counted by a plain store
 * into a stripe of the calling thread, not into the logger all threads share: exact on one thread,
 * and close when many threads add at once.
 */
public final class Counters {
  private final Engine engine;
  private final Metrics metrics;

  Counters(Engine engine) {
    this.engine = engine;
    this.metrics = engine.metrics();
  }

  /**
   * Lines handed to the sink and taken by it. A line an asynchronous sink dropped from its full
   * queue is not emitted: it is counted in {@link #dropped()}.
   */
  public long emitted() {
    return metrics.emitted();
  }

  /**
   * Events below their logger's level, never built, when counted ({@code
   * Correlog.Builder.countDisabled(true)}); -1 when not, the default: counting costs a store on the
   * calling thread for every such event (see the builder).
   */
  public long disabled() {
    if (!metrics.countDisabled) {
      return -1;
    }
    return metrics.disabled.sum();
  }

  /**
   * Events dropped by a sampling decision and never written. With error flush on, a line held for
   * its request is counted here when it is discarded (the request ended without an error, was
   * abandoned, or this instance closed) or when it could not be held (also counted in {@link
   * #errorFlushOverflow()}); a held line that is written is counted in {@link #errorFlushed()}
   * instead. Each event sampling dropped is counted once, in one of the two (a line still held is
   * in neither yet).
   */
  public long sampledOut() {
    return metrics.sampledOut.sum() + metrics.sampledOutAtLogger.sum();
  }

  /**
   * Lines sampling dropped that error flush wrote after all, because their request logged an error;
   * not counted in {@link #sampledOut()}. Each is also counted by what the sink did with it ({@link
   * #emitted()}, or a sink failure or drop), as any written line is.
   */
  public long errorFlushed() {
    return engine.errorFlushed();
  }

  /**
   * Lines sampling dropped that error flush could not hold, its bounds being reached; they are
   * among {@link #sampledOut()}, which counts them.
   */
  public long errorFlushOverflow() {
    return engine.errorFlushOverflow();
  }

  /** Events that broke their schema (one per event, however many rules it broke). */
  public long schemaViolations() {
    return metrics.schemaViolations.sum();
  }

  /**
   * Lines the sink failed to take: it threw. WARN and ERROR lines among them were copied to stderr.
   * A WARN or ERROR line an asynchronous sink could not queue is counted here, and copied.
   */
  public long sinkFailures() {
    return metrics.sinkFailures.sum();
  }

  /**
   * Lines below WARN the sink discarded by its own policy, without failing: an asynchronous sink's
   * queue was full (or the line too long for it). They are lost; WARN and ERROR lines never are.
   * Lines the sink said it was not {@link dev.correlog.sink.Sink#accepting accepting} are counted
   * here too: they were not encoded (nor their schema checked).
   */
  public long dropped() {
    return metrics.dropped.sum();
  }

  /** Field values whose rendering threw or recursed and were written as a marker. */
  public long encodingErrors() {
    return metrics.encodingErrors.sum();
  }

  /** Lines cut at the line length cap. */
  public long truncated() {
    return metrics.truncated.sum();
  }

  /** Events lost to a fault inside Correlog itself (reported once on stderr). */
  public long internalErrors() {
    return metrics.internalErrors.sum();
  }

  @Override
  public String toString() {
    return "Counters{emitted="
        + emitted()
        + ", disabled="
        + (metrics.countDisabled ? String.valueOf(disabled()) : "not counted")
        + ", sampledOut="
        + sampledOut()
        + ", errorFlushed="
        + errorFlushed()
        + ", schemaViolations="
        + schemaViolations()
        + ", sinkFailures="
        + sinkFailures()
        + ", dropped="
        + dropped()
        + ", encodingErrors="
        + encodingErrors()
        + ", truncated="
        + truncated()
        + ", internalErrors="
        + internalErrors()
        + "}";
  }
}
