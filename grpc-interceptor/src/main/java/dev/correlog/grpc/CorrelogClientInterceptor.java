package dev.correlog.grpc;

import dev.correlog.Correlog;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Propagation;
import dev.correlog.propagation.Propagator;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * The sending side: a new client span per call, a child of the current context, injected into the
 * call's metadata ({@code traceparent}, {@code tracestate}, {@code b3}, {@code x-request-id} with
 * the default propagator), existing values replaced.
 */
final class CorrelogClientInterceptor implements ClientInterceptor {
  private final Correlog correlog;
  private final Propagator propagator;
  private final CallEvents events; // null: no event

  CorrelogClientInterceptor(Correlog correlog, Propagator propagator, CallEvents events) {
    this.correlog = correlog;
    this.propagator = propagator;
    this.events = events;
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    return new TracedClientCall<>(
        next.newCall(method, callOptions), this, method, next.authority());
  }

  CallEvents events() {
    return events;
  }

  /**
   * The caller's context: Correlog's current one, else the one {@code io.grpc.Context} carries (see
   * {@link GrpcContextBridge#current()}).
   */
  TraceContext currentContext() {
    return GrpcContextBridge.current();
  }

  /**
   * The client span of one call, injected into {@code headers}: {@link Propagation#startClientSpan}
   * in {@code parent}, with {@code parent}'s sampling decision made first, so that what travels
   * says whether the trace is sampled. Without a parent, a new trace whose decision is made here.
   * Never throws.
   */
  TraceContext startSpan(TraceContext parent, Metadata headers) {
    if (parent == null) {
      TraceContext root = correlog.decide(TraceContext.newRoot());
      try {
        propagator.inject(root, headers, MetadataCarrier.SETTER);
      } catch (RuntimeException e) {
        // Propagators never throw; one written by a user might. The call goes on untraced.
      }
      return root;
    }
    TraceContext decided = correlog.decide(parent);
    if (decided == parent && TraceContext.current() == parent) {
      return Propagation.startClientSpan(headers, MetadataCarrier.SETTER, propagator);
    }
    try (Scope s = decided.attach()) {
      return Propagation.startClientSpan(headers, MetadataCarrier.SETTER, propagator);
    }
  }
}
