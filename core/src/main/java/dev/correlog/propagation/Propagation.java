package dev.correlog.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.internal.propagation.CarrierAccess;
import dev.correlog.internal.propagation.RequestIdPropagator;

/**
 * The receiving edge of a hop: what a server filter, a Kafka consumer or a gRPC interceptor does
 * with an incoming request.
 *
 * <pre>{@code
 * TraceContext span = Propagation.startServerSpan(headers, Carriers.MAP_GETTER);
 * try (Scope scope = span.attach()) {
 *   log.info("request.received").emit(); // parent_span_id is the caller's span id
 * }
 * }</pre>
 */
public final class Propagation {
  private Propagation() {}

  /** {@link #startServerSpan(Object, Getter, Propagator)} with {@link Propagators#defaults()}. */
  public static <C> TraceContext startServerSpan(C carrier, Getter<C> getter) {
    return startServerSpan(carrier, getter, Propagators.defaults());
  }

  /**
   * This hop's span for an incoming request: {@link #startServerSpan(Extracted)} of what {@code
   * propagator} extracts from {@code carrier}. Never throws and never returns null, whatever the
   * propagator or the getter does.
   */
  public static <C> TraceContext startServerSpan(
      C carrier, Getter<C> getter, Propagator propagator) {
    Extracted found = null;
    try {
      found = propagator.extract(carrier, getter);
    } catch (Throwable e) {
      CarrierAccess.failed("extract", e);
    }
    return startServerSpan(found);
  }

  /**
   * This hop's span for what extraction found (from any propagator, a user's included). With a
   * context, its {@link TraceContext#newChild() child}: same trace, new span id, the caller's span
   * id as parent, and the caller's decision ({@link SamplingDecision#DEFERRED}: undecided, so the
   * head decision is made here), tracestate and request id. Without one, a new trace ({@link
   * TraceContext#newRoot()}) with the request id and the decision found ({@code b3: 1} sampled,
   * {@code b3: 0} not; deferred leaves it undecided). The request id is kept only when it is a
   * valid {@code x-request-id} (1 to 128 characters of letters, digits and {@code -._:@/+=}),
   * whoever returned it; otherwise it is dropped and counted ({@link
   * Propagators#rejectedRequestIds()}). Null is {@link Extracted#empty()}. Never throws and never
   * returns null.
   */
  public static TraceContext startServerSpan(Extracted extracted) {
    try {
      Extracted e = extracted == null ? Extracted.empty() : extracted;
      String requestId = RequestIdPropagator.sanitize(e.requestId());
      TraceContext caller = e.context();
      if (caller != null) {
        return caller.withRequestId(requestId).newChild();
      }
      TraceContext root = TraceContext.newRoot(requestId);
      switch (e.sampling()) {
        case SAMPLED:
          return root.withSampled(true);
        case NOT_SAMPLED:
          return root.withSampled(false);
        default:
          return root;
      }
    } catch (Throwable t) {
      CarrierAccess.failed("extract", t);
      return TraceContext.newRoot();
    }
  }

  /** {@link #startClientSpan(Object, Setter, Propagator)} with {@link Propagators#defaults()}. */
  public static <C> TraceContext startClientSpan(C carrier, Setter<C> setter) {
    return startClientSpan(carrier, setter, Propagators.defaults());
  }

  /**
   * The sending edge of a hop: a new client span for one outgoing call (HTTP request, gRPC call,
   * Kafka record), injected into {@code carrier}, so the receiver's {@code parent_span_id} names
   * exactly this call. The span is a {@link TraceContext#newChild() child} of {@link
   * TraceContext#current()}, or a new trace when nothing is current, and has its parent's sampling
   * decision: an undecided parent gives an undecided span, injected without a decision where the
   * format allows it (B3). Returns the client span (to log the call in it); never throws and never
   * returns null.
   */
  public static <C> TraceContext startClientSpan(
      C carrier, Setter<C> setter, Propagator propagator) {
    TraceContext span = null;
    try {
      TraceContext parent = TraceContext.current();
      span = parent != null ? parent.newChild() : TraceContext.newRoot();
      propagator.inject(span, carrier, setter);
    } catch (Throwable e) {
      CarrierAccess.failed("inject", e);
    }
    return span != null ? span : TraceContext.newRoot();
  }
}
