package dev.correlog.propagation;

import dev.correlog.internal.propagation.B3Propagator;
import dev.correlog.internal.propagation.CompositePropagator;
import dev.correlog.internal.propagation.NoopPropagator;
import dev.correlog.internal.propagation.RequestIdPropagator;
import dev.correlog.internal.propagation.W3cPropagator;
import java.util.List;

/**
 * The propagators. Each is immutable and thread-safe. Extraction returns an {@link Extracted} and
 * allocates it and the extracted context, plus a copy when an {@code x-request-id} is attached or
 * the decision is deferred, and a normalised {@code tracestate} when the received one had
 * whitespace, empty members or a duplicated key; injection allocates the header strings.
 *
 * <ul>
 *   <li>{@link #w3c()}: W3C Trace Context Level 2, {@code traceparent} and {@code tracestate}.
 *   <li>{@link #b3Single()} and {@link #b3Multi()}: B3. Both extract the single {@code b3} header
 *       first and fall back to the {@code X-B3-*} headers when it is absent, too long or invalid;
 *       they inject {@code b3} or {@code X-B3-TraceId}, {@code X-B3-SpanId} and {@code
 *       X-B3-Sampled}. The parent span id is never injected. Ids without a sampling decision are
 *       {@link SamplingDecision#DEFERRED}, and an undecided context is injected without one. A lone
 *       {@code b3: 0} (or {@code 1}, {@code d}, or {@code X-B3-Sampled} without ids) is a decision
 *       without ids: {@link Propagation#startServerSpan} gives it to the new root.
 *   <li>{@link #requestId()}: {@code x-request-id}, only useful inside {@link #composite}.
 *   <li>{@link #defaults()}: extracts W3C, then B3 (single, then multi); injects {@code
 *       traceparent}, {@code tracestate} and {@code b3}; plus {@code x-request-id} both ways.
 * </ul>
 *
 * <p>Received {@code x-request-id} values are kept when they are 1 to 128 characters of letters,
 * digits and {@code -._:@/+=}; any other value is treated as absent (the context's request id is
 * then its trace id) and counted, process-wide, in {@link #rejectedRequestIds()}.
 */
public final class Propagators {
  private static final Propagator DEFAULTS =
      new CompositePropagator(
          List.of(W3cPropagator.INSTANCE, B3Propagator.SINGLE, RequestIdPropagator.INSTANCE),
          List.of(W3cPropagator.INSTANCE, B3Propagator.SINGLE, RequestIdPropagator.INSTANCE));

  private Propagators() {}

  /** W3C Trace Context: {@code traceparent} and {@code tracestate}. */
  public static Propagator w3c() {
    return W3cPropagator.INSTANCE;
  }

  /** B3, injecting the single {@code b3} header. */
  public static Propagator b3Single() {
    return B3Propagator.SINGLE;
  }

  /** B3, injecting {@code X-B3-TraceId}, {@code X-B3-SpanId} and {@code X-B3-Sampled}. */
  public static Propagator b3Multi() {
    return B3Propagator.MULTI;
  }

  /**
   * {@code x-request-id}. Alone it extracts nothing (it carries no trace); in a {@link #composite}
   * it attaches the received request id to the extracted context, and it injects the context's
   * request id when one was given ({@link dev.correlog.context.TraceContext#hasRequestId()}).
   */
  public static Propagator requestId() {
    return RequestIdPropagator.INSTANCE;
  }

  /**
   * Several formats at once. Extraction runs every member of {@code extractOrder} in order and
   * merges what they found: the first context wins (with its decision and tracestate), the first
   * request id found is attached to it, and without any context the first lone decision is kept.
   * When the winner says {@link SamplingDecision#NOT_SAMPLED} (W3C cannot say "no decision") and a
   * later member found the same ids without a decision (a {@code b3} sent beside it), the decision
   * is {@link SamplingDecision#DEFERRED}. Members may be user-written: only their {@link Extracted}
   * counts. Injection writes every member of {@code injectSet}. {@link Propagator#fields()} lists
   * the injected headers.
   *
   * @throws NullPointerException when a list or one of its members is null
   */
  public static Propagator composite(List<Propagator> extractOrder, List<Propagator> injectSet) {
    return new CompositePropagator(extractOrder, injectSet);
  }

  /**
   * W3C, then B3 single, then B3 multi on extraction; W3C and B3 single on injection; {@code
   * x-request-id} both ways.
   */
  public static Propagator defaults() {
    return DEFAULTS;
  }

  /** Reads and writes nothing. */
  public static Propagator noop() {
    return NoopPropagator.INSTANCE;
  }

  /**
   * How many received {@code x-request-id} values were rejected (too long, or a character outside
   * the safe set) in this JVM, by any propagator or {@link Propagation#startServerSpan}.
   */
  public static long rejectedRequestIds() {
    return RequestIdPropagator.rejected();
  }
}
