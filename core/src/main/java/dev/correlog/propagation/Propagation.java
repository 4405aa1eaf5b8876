package dev.correlog.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.internal.propagation.CarrierAccess;
import dev.correlog.internal.propagation.ExtractHooks;

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
   * This hop's span for an incoming request. When {@code propagator} extracts the caller's context,
   * the result is its {@link TraceContext#newChild() child}: same trace, new span id, and the
   * caller's span id as parent. Otherwise a new trace is started ({@link TraceContext#newRoot()}),
   * carrying the request's valid {@code x-request-id} and a lone B3 sampling decision ({@code b3:
   * 1} sets the sampled flag, {@code b3: 0} leaves it clear) when {@code propagator} reads those
   * headers, as {@link Propagators#defaults()} does. Never throws and never returns null.
   */
  public static <C> TraceContext startServerSpan(
      C carrier, Getter<C> getter, Propagator propagator) {
    TraceContext caller = null;
    try {
      caller = propagator.extract(carrier, getter);
    } catch (Throwable e) {
      CarrierAccess.rethrowIfFatal(e);
      CarrierAccess.failed("extract", e);
    }
    if (caller != null) {
      return caller.newChild();
    }
    TraceContext root = TraceContext.newRoot();
    if (propagator instanceof ExtractHooks) {
      try {
        root = ((ExtractHooks) propagator).seedRoot(root, carrier, getter);
      } catch (Throwable e) {
        CarrierAccess.rethrowIfFatal(e);
        CarrierAccess.failed("extract", e);
      }
    }
    return root;
  }

  /** {@link #startClientSpan(Object, Setter, Propagator)} with {@link Propagators#defaults()}. */
  public static <C> TraceContext startClientSpan(C carrier, Setter<C> setter) {
    return startClientSpan(carrier, setter, Propagators.defaults());
  }

  /**
   * The sending edge of a hop: a new client span for one outgoing call (HTTP request, gRPC call,
   * Kafka record), injected into {@code carrier}, so the receiver's {@code parent_span_id} names
   * exactly this call. The span is a {@link TraceContext#newChild() child} of {@link
   * TraceContext#current()}, or a new trace when nothing is current. Returns the client span (to
   * log the call in it); never throws and never returns null.
   */
  public static <C> TraceContext startClientSpan(
      C carrier, Setter<C> setter, Propagator propagator) {
    TraceContext parent = TraceContext.current();
    TraceContext span = parent != null ? parent.newChild() : TraceContext.newRoot();
    try {
      propagator.inject(span, carrier, setter);
    } catch (Throwable e) {
      CarrierAccess.rethrowIfFatal(e);
      CarrierAccess.failed("inject", e);
    }
    return span;
  }
}
