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
  private static final Extracted EMPTY =
      new Extracted(new Lone(SamplingDecision.DEFERRED, null, null));

  /**
   * The caller's {@link TraceContext}, from which the decision, request id and tracestate are read,
   * or a {@link Lone} without a context. One field, so a value with a context is 16 bytes (the
   * extraction's other object being the context itself).
   */
  private final Object value;

  private Extracted(Object value) {
    this.value = value;
  }

  /** The parts of a value without a context. */
  private static final class Lone {
    final SamplingDecision sampling;
    final String requestId;
    final String traceState;

    Lone(SamplingDecision sampling, String requestId, String traceState) {
      this.sampling = sampling;
      this.requestId = requestId;
      this.traceState = traceState;
    }
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
    return context == null ? EMPTY : new Extracted(context);
  }

  private static SamplingDecision decisionOf(TraceContext c) {
    if (!c.isSamplingDecided()) {
      return SamplingDecision.DEFERRED;
    }
    return c.isSampled() ? SamplingDecision.SAMPLED : SamplingDecision.NOT_SAMPLED;
  }

  /** The caller's ids (trace id and the caller's span id), flags and tracestate, or null. */
  public TraceContext context() {
    return value instanceof TraceContext ? (TraceContext) value : null;
  }

  /** The caller's sampling decision; {@link SamplingDecision#DEFERRED} when none was sent. */
  public SamplingDecision sampling() {
    return value instanceof TraceContext
        ? decisionOf((TraceContext) value)
        : ((Lone) value).sampling;
  }

  /** The request id received (a valid {@code x-request-id}), or null. */
  public String requestId() {
    if (value instanceof TraceContext) {
      TraceContext c = (TraceContext) value;
      return c.hasRequestId() ? c.requestId() : null;
    }
    return ((Lone) value).requestId;
  }

  /** The {@code tracestate} received, or null. */
  public String traceState() {
    return value instanceof TraceContext
        ? ((TraceContext) value).traceState()
        : ((Lone) value).traceState;
  }

  /** True when a context was found. */
  public boolean hasContext() {
    return value instanceof TraceContext;
  }

  /**
   * This value with {@code context} as the caller's context; its decision, request id and
   * tracestate are the context's, except that this value's request id and tracestate are kept when
   * the context has none. Null removes the context and keeps the rest.
   */
  public Extracted withContext(TraceContext context) {
    if (context == null) {
      return hasContext() ? make(sampling(), requestId(), traceState()) : this;
    }
    TraceContext c = context;
    String rid = requestId();
    if (!c.hasRequestId() && rid != null) {
      c = c.withRequestId(rid);
    }
    String ts = traceState();
    if (c.traceState() == null && ts != null) {
      c = c.withTraceState(ts);
    }
    return of(c);
  }

  /** This value with {@code sampling} as the caller's decision (null: deferred). */
  public Extracted withSampling(SamplingDecision sampling) {
    SamplingDecision s = sampling == null ? SamplingDecision.DEFERRED : sampling;
    if (s == sampling()) {
      return this;
    }
    TraceContext context = context();
    if (context == null) {
      return make(s, requestId(), traceState());
    }
    return of(
        s == SamplingDecision.DEFERRED
            ? context.withSamplingDeferred()
            : context.withSampled(s == SamplingDecision.SAMPLED));
  }

  /** This value with {@code requestId} (null: none). */
  public Extracted withRequestId(String requestId) {
    if (Objects.equals(requestId, requestId())) {
      return this;
    }
    TraceContext context = context();
    return context == null
        ? make(sampling(), requestId, traceState())
        : of(context.withRequestId(requestId));
  }

  /** This value with {@code traceState} (null: none). */
  public Extracted withTraceState(String traceState) {
    if (Objects.equals(traceState, traceState())) {
      return this;
    }
    TraceContext context = context();
    return context == null
        ? make(sampling(), requestId(), traceState)
        : of(context.withTraceState(traceState));
  }

  /** A value without a context. */
  private static Extracted make(SamplingDecision s, String rid, String ts) {
    return s == SamplingDecision.DEFERRED && rid == null && ts == null
        ? EMPTY
        : new Extracted(new Lone(s, rid, ts));
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
    return Objects.equals(context(), e.context())
        && sampling() == e.sampling()
        && Objects.equals(requestId(), e.requestId())
        && Objects.equals(traceState(), e.traceState());
  }

  @Override
  public int hashCode() {
    return Objects.hash(context(), sampling(), requestId(), traceState());
  }

  @Override
  public String toString() {
    String rid = requestId();
    String ts = traceState();
    return "Extracted{context="
        + context()
        + ", sampling="
        + sampling()
        + (rid != null ? ", request_id=" + rid : "")
        + (ts != null ? ", tracestate=" + ts : "")
        + "}";
  }
}
