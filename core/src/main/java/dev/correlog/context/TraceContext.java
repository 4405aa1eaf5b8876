package dev.correlog.context;

import dev.correlog.internal.DecisionRates;
import dev.correlog.internal.Hex;
import dev.correlog.internal.Ids;
import dev.correlog.internal.OtelBridge;
import dev.correlog.internal.ScopeStack;
import dev.correlog.internal.propagation.ReceivedTraceState;
import java.util.Objects;

/**
 * Who an event belongs to: a trace, a span in it, its parent span, the trace flags, the W3C
 * tracestate and the request id. Immutable; ids are longs and their hex strings are built lazily,
 * once.
 *
 * <pre>{@code
 * TraceContext ctx = TraceContext.newRoot();
 * try (Scope scope = ctx.attach()) {
 *   log.info("order.placed").emit(); // carries ctx's ids
 * }
 * }</pre>
 */
public final class TraceContext {
  /** W3C trace flag: the caller recorded (sampled) this trace. */
  public static final byte FLAG_SAMPLED = 0x01;

  /** W3C Level 2 trace flag: the trace id's rightmost 7 bytes are random. */
  public static final byte FLAG_RANDOM = 0x02;

  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final long parentSpanId;
  private final byte flags;
  private final Object traceState; // null, a String as given, or a ReceivedTraceState
  private final String requestId; // nullable: then the trace id stands in for it
  private final boolean decided; // false: no sampling decision yet (a new local root)
  private final short rateIndex; // 1/p of a sampled decision made here at p < 1, by index; 0: none

  private String traceIdHex;
  private String spanIdHex;

  private TraceContext(
      long traceIdHigh,
      long traceIdLow,
      long spanId,
      long parentSpanId,
      byte flags,
      Object traceState,
      String requestId,
      boolean decided,
      short rateIndex) {
    this.traceIdHigh = traceIdHigh;
    this.traceIdLow = traceIdLow;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.flags = flags;
    this.traceState = traceState;
    this.requestId = requestId;
    this.decided = decided;
    this.rateIndex = rateIndex;
  }

  /** A new trace with random ids, the random-trace-id flag set and no sampling decision yet. */
  public static TraceContext newRoot() {
    return newRoot(null);
  }

  /** A new trace, as {@link #newRoot()}, carrying {@code requestId} (null: the trace id). */
  public static TraceContext newRoot(String requestId) {
    long high;
    long low;
    do {
      high = Ids.random();
      low = Ids.random();
    } while (high == 0 && low == 0);
    return new TraceContext(
        high, low, Ids.nonZero(), 0, FLAG_RANDOM, null, requestId, false, (short) 0);
  }

  /**
   * A new local root with the given ids and no sampling decision yet: what {@link #newRoot()}
   * makes, for code that draws its own ids (and tests that need fixed ones).
   *
   * @throws IllegalArgumentException when the trace id or span id is zero
   */
  public static TraceContext newRoot(
      long traceIdHigh, long traceIdLow, long spanId, String requestId) {
    checkIds(traceIdHigh, traceIdLow, spanId);
    return new TraceContext(
        traceIdHigh, traceIdLow, spanId, 0, FLAG_RANDOM, null, requestId, false, (short) 0);
  }

  /**
   * A context with the given ids, as received from a caller (no new span). Use {@link #newChild()}
   * to start this hop's own span.
   *
   * @throws IllegalArgumentException when the trace id or span id is zero
   */
  public static TraceContext of(
      long traceIdHigh,
      long traceIdLow,
      long spanId,
      long parentSpanId,
      byte flags,
      String traceState,
      String requestId) {
    checkIds(traceIdHigh, traceIdLow, spanId);
    return new TraceContext(
        traceIdHigh,
        traceIdLow,
        spanId,
        parentSpanId,
        (byte) (flags & (FLAG_SAMPLED | FLAG_RANDOM)),
        traceState,
        requestId,
        true,
        (short) 0);
  }

  /**
   * A context as a propagator received it, {@link #of} but for its {@code tracestate}: {@code
   * traceStateHeader} is the header's value as received, checked against W3C Trace Context Level 2
   * when {@link #traceState()} first reads it, not here. {@link #traceState()} then gives it as is
   * when valid, without whitespace and empty members when it has some, and null when it is invalid
   * (one invalid member, more than 32 members, or longer than 8,192 characters). The built-in W3C
   * propagator makes its contexts this way, so a hop that never reads or forwards the {@code
   * tracestate} never pays for the check; one that does pays it once, at the first read.
   *
   * @throws IllegalArgumentException when the trace id or span id is zero
   */
  public static TraceContext received(
      long traceIdHigh, long traceIdLow, long spanId, byte flags, String traceStateHeader) {
    checkIds(traceIdHigh, traceIdLow, spanId);
    return new TraceContext(
        traceIdHigh,
        traceIdLow,
        spanId,
        0,
        (byte) (flags & (FLAG_SAMPLED | FLAG_RANDOM)),
        ReceivedTraceState.of(traceStateHeader),
        null,
        true,
        (short) 0);
  }

  private static void checkIds(long traceIdHigh, long traceIdLow, long spanId) {
    if (traceIdHigh == 0 && traceIdLow == 0) {
      throw new IllegalArgumentException("trace id must not be all zero");
    }
    if (spanId == 0) {
      throw new IllegalArgumentException("span id must not be zero");
    }
  }

  /**
   * A new span in the same trace whose parent is this span: what every hop that receives a request
   * does, so the call tree can be rebuilt from {@code parent_span_id}.
   */
  public TraceContext newChild() {
    return new TraceContext(
        traceIdHigh,
        traceIdLow,
        Ids.nonZero(),
        spanId,
        flags,
        traceState,
        requestId,
        decided,
        rateIndex);
  }

  /**
   * The current context of this thread, or null when there is none. One rule, used by events, by
   * {@code Propagation.startClientSpan} (and so by injection) and by {@link ContextExecutors}
   * alike: when the OpenTelemetry API is on the class path and a valid OpenTelemetry span is
   * current, its trace id, span id, trace flags and tracestate, with the request id (and, when it
   * names the same span, the parent span id) of the attached Correlog context; otherwise the
   * context of the innermost open {@link Scope} of this thread.
   */
  public static TraceContext current() {
    return OtelBridge.effective(ScopeStack.current());
  }

  /**
   * Makes this the current context of this thread until the returned scope is closed, which
   * restores exactly what was current before. The {@link ScopeDecorator}s registered with {@link
   * ContextStorage} (the SLF4J MDC mirror by default) run for the scope's life.
   */
  public Scope attach() {
    return ScopeStack.attach(this);
  }

  public long traceIdHigh() {
    return traceIdHigh;
  }

  public long traceIdLow() {
    return traceIdLow;
  }

  public long spanId() {
    return spanId;
  }

  /** The parent span id, or 0 for a root span. */
  public long parentSpanId() {
    return parentSpanId;
  }

  public byte flags() {
    return flags;
  }

  public boolean isSampled() {
    return (flags & FLAG_SAMPLED) != 0;
  }

  public boolean isRandomTraceId() {
    return (flags & FLAG_RANDOM) != 0;
  }

  /** The W3C tracestate header value, or null. */
  public String traceState() {
    Object t = traceState;
    return t instanceof ReceivedTraceState ? ((ReceivedTraceState) t).checked() : (String) t;
  }

  /** The request id; the trace id's hex when none was given. */
  public String requestId() {
    return requestId != null ? requestId : traceIdHex();
  }

  /** True when a request id was given, rather than standing in as the trace id. */
  public boolean hasRequestId() {
    return requestId != null;
  }

  /** 32 lowercase hex characters. */
  public String traceIdHex() {
    String s = traceIdHex;
    if (s == null) {
      s = Hex.toHex(traceIdHigh, traceIdLow);
      traceIdHex = s;
    }
    return s;
  }

  /** 16 lowercase hex characters. */
  public String spanIdHex() {
    String s = spanIdHex;
    if (s == null) {
      s = Hex.toHex(spanId);
      spanIdHex = s;
    }
    return s;
  }

  /** 16 lowercase hex characters, or null for a root span. */
  public String parentSpanIdHex() {
    return parentSpanId == 0 ? null : Hex.toHex(parentSpanId);
  }

  /**
   * True when the sampling decision of this trace is made: received from a caller (whose flags are
   * the decision) or set with {@link #withSampled(boolean)}. A new local root is undecided until
   * then; Correlog decides it from the trace id and the head ratio, the same in every service.
   */
  public boolean isSamplingDecided() {
    return decided;
  }

  /**
   * This context with the sampling decision made, by a caller or by code whose probability is not
   * known: lines kept by this decision carry no {@code sample_rate} ({@link #sampleRate()} is 0).
   */
  public TraceContext withSampled(boolean sampled) {
    return decided(sampled, (short) 0);
  }

  /**
   * This context with the sampling decision made here, by a probability: when {@code sampled}, the
   * lines this decision keeps carry {@code sample_rate} = 1/{@code probability} (none when it is
   * 1), so that counts can be extrapolated. {@code Correlog.decide} decides this way; the rate
   * stays with {@link #newChild() children} in this process but does not travel to other services
   * (no propagation format carries it: they see the sampled flag only). A process remembers at most
   * 32,767 distinct probabilities; a decision at a further one carries no rate (reported once on
   * stderr).
   *
   * @throws IllegalArgumentException when {@code probability} is not in [0, 1]
   */
  public TraceContext withSampled(boolean sampled, double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("a probability must be in [0, 1], was " + probability);
    }
    boolean rated = sampled && probability > 0 && probability < 1;
    return decided(sampled, rated ? DecisionRates.indexOf(1 / probability) : 0);
  }

  private TraceContext decided(boolean sampled, short index) {
    byte f = (byte) (sampled ? flags | FLAG_SAMPLED : flags & ~FLAG_SAMPLED);
    return f == flags && decided && index == rateIndex
        ? this
        : copy(f, traceState, requestId, true, index);
  }

  /**
   * The {@code sample_rate} of the lines kept by this trace's head decision: 1/p when the decision
   * was made in this process, sampled, with probability p &lt; 1 ({@link #withSampled(boolean,
   * double)}, {@code Correlog.decide}); 0 (no {@code sample_rate}) otherwise: a caller's decision,
   * whose probability is not known here, {@link #withSampled(boolean)}, an unsampled or undecided
   * trace, or p = 1.
   */
  public double sampleRate() {
    return rateIndex == 0 ? 0 : DecisionRates.rate(rateIndex);
  }

  /**
   * This context with no sampling decision (the sampled flag cleared): what a caller that sent ids
   * without a decision (B3 without {@code X-B3-Sampled}) gave. The head decision is then made here,
   * by {@code Correlog.decide} or per event from the trace id, and injection sends no decision
   * where the format can omit it (B3).
   */
  public TraceContext withSamplingDeferred() {
    return !decided
        ? this
        : copy((byte) (flags & ~FLAG_SAMPLED), traceState, requestId, false, (short) 0);
  }

  public TraceContext withTraceState(String traceState) {
    return Objects.equals(traceState, traceState())
        ? this
        : copy(flags, traceState, requestId, decided, rateIndex);
  }

  public TraceContext withRequestId(String requestId) {
    return Objects.equals(requestId, this.requestId)
        ? this
        : copy(flags, traceState, requestId, decided, rateIndex);
  }

  private TraceContext copy(byte f, Object ts, String rid, boolean dec, short index) {
    return new TraceContext(traceIdHigh, traceIdLow, spanId, parentSpanId, f, ts, rid, dec, index);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TraceContext)) {
      return false;
    }
    TraceContext c = (TraceContext) o;
    return traceIdHigh == c.traceIdHigh
        && traceIdLow == c.traceIdLow
        && spanId == c.spanId
        && parentSpanId == c.parentSpanId
        && flags == c.flags
        && decided == c.decided
        && rateIndex == c.rateIndex
        && Objects.equals(traceState(), c.traceState())
        && Objects.equals(requestId, c.requestId);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(traceIdLow) * 31 + Long.hashCode(spanId);
  }

  @Override
  public String toString() {
    return "TraceContext{trace_id="
        + traceIdHex()
        + ", span_id="
        + spanIdHex()
        + (parentSpanId != 0 ? ", parent_span_id=" + parentSpanIdHex() : "")
        + ", flags="
        + flags
        + (decided ? "" : " (sampling undecided)")
        + (rateIndex != 0 ? ", sample_rate=" + sampleRate() : "")
        + (requestId != null ? ", request_id=" + requestId : "")
        + (traceState() != null ? ", tracestate=" + traceState() : "")
        + "}";
  }
}
