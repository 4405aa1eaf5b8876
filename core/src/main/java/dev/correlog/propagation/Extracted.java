package dev.correlog.propagation;

import dev.correlog.context.TraceContext;
import java.util.Objects;

/**
 * What extraction found in a carrier: the caller's context (or none), the caller's sampling
 * decision, a request id and a {@code tracestate}. Every {@link Propagator#extract} returns one
 * (never null), a user's own as well as the built-in ones; {@link
 * Propagation#startServerSpan(Extracted)} turns it into this hop's span. Immutable.
 *
 * <p>The value is kept consistent: when there is a context, {@link #sampling()}, {@link
 * #requestId()} and {@link #traceState()} are the context's ({@link
 * TraceContext#isSamplingDecided()}, {@link TraceContext#hasRequestId()}, {@link
 * TraceContext#traceState()}), and each {@code with..} copy changes both. Without a context they
 * stand alone: a lone B3 decision ({@code b3: 0}) or a lone {@code x-request-id}.
 *
 * <pre>{@code
 * // In a user-written propagator:
 * return Extracted.of(callerContext)          // the caller's ids, flags and tracestate
 *     .withSampling(SamplingDecision.DEFERRED) // the caller sent no decision
 *     .withRequestId(requestId);               // null: none
 * }</pre>
 */
public final class Extracted {
  private static final Extracted EMPTY = new Extracted(null, SamplingDecision.DEFERRED, null, null);

  private final TraceContext context;
  private final SamplingDecision sampling;
  private final String requestId;
  private final String traceState;

  private Extracted(
      TraceContext context, SamplingDecision sampling, String requestId, String traceState) {
    this.context = context;
    this.sampling = sampling;
    this.requestId = requestId;
    this.traceState = traceState;
  }

  /** Nothing found: no context, {@link SamplingDecision#DEFERRED}, no request id. */
  public static Extracted empty() {
    return EMPTY;
  }

  /**
   * {@code context} as received, with its own decision ({@link SamplingDecision#DEFERRED} when it
   * is {@linkplain TraceContext#isSamplingDecided() undecided}), request id and tracestate; {@link
   * #empty()} when null.
   */
  public static Extracted of(TraceContext context) {
    if (context == null) {
      return EMPTY;
    }
    return new Extracted(
        context,
        decisionOf(context),
        context.hasRequestId() ? context.requestId() : null,
        context.traceState());
  }

  private static SamplingDecision decisionOf(TraceContext c) {
    if (!c.isSamplingDecided()) {
      return SamplingDecision.DEFERRED;
    }
    return c.isSampled() ? SamplingDecision.SAMPLED : SamplingDecision.NOT_SAMPLED;
  }

  /** The caller's ids (trace id and the caller's span id), flags and tracestate, or null. */
  public TraceContext context() {
    return context;
  }

  /** The caller's sampling decision; {@link SamplingDecision#DEFERRED} when none was sent. */
  public SamplingDecision sampling() {
    return sampling;
  }

  /** The request id received (a valid {@code x-request-id}), or null. */
  public String requestId() {
    return requestId;
  }

  /** The {@code tracestate} received, or null. */
  public String traceState() {
    return traceState;
  }

  /** True when a context was found. */
  public boolean hasContext() {
    return context != null;
  }

  /**
   * This value with {@code context} as the caller's context; its decision, request id and
   * tracestate are the context's, except that this value's request id and tracestate are kept when
   * the context has none. Null removes the context and keeps the rest.
   */
  public Extracted withContext(TraceContext context) {
    if (context == null) {
      return this.context == null ? this : make(null, sampling, requestId, traceState);
    }
    TraceContext c = context;
    if (!c.hasRequestId() && requestId != null) {
      c = c.withRequestId(requestId);
    }
    if (c.traceState() == null && traceState != null) {
      c = c.withTraceState(traceState);
    }
    return of(c);
  }

  /** This value with {@code sampling} as the caller's decision (null: deferred). */
  public Extracted withSampling(SamplingDecision sampling) {
    SamplingDecision s = sampling == null ? SamplingDecision.DEFERRED : sampling;
    if (s == this.sampling) {
      return this;
    }
    if (context == null) {
      return make(null, s, requestId, traceState);
    }
    return of(
        s == SamplingDecision.DEFERRED
            ? context.withSamplingDeferred()
            : context.withSampled(s == SamplingDecision.SAMPLED));
  }

  /** This value with {@code requestId} (null: none). */
  public Extracted withRequestId(String requestId) {
    if (Objects.equals(requestId, this.requestId)) {
      return this;
    }
    return context == null
        ? make(null, sampling, requestId, traceState)
        : of(context.withRequestId(requestId));
  }

  /** This value with {@code traceState} (null: none). */
  public Extracted withTraceState(String traceState) {
    if (Objects.equals(traceState, this.traceState)) {
      return this;
    }
    return context == null
        ? make(null, sampling, requestId, traceState)
        : of(context.withTraceState(traceState));
  }

  private static Extracted make(TraceContext c, SamplingDecision s, String rid, String ts) {
    return c == null && s == SamplingDecision.DEFERRED && rid == null && ts == null
        ? EMPTY
        : new Extracted(c, s, rid, ts);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Extracted)) {
      return false;
    }
    Extracted e = (Extracted) o;
    return Objects.equals(context, e.context)
        && sampling == e.sampling
        && Objects.equals(requestId, e.requestId)
        && Objects.equals(traceState, e.traceState);
  }

  @Override
  public int hashCode() {
    return Objects.hash(context, sampling, requestId, traceState);
  }

  @Override
  public String toString() {
    return "Extracted{context="
        + context
        + ", sampling="
        + sampling
        + (requestId != null ? ", request_id=" + requestId : "")
        + (traceState != null ? ", tracestate=" + traceState : "")
        + "}";
  }
}
