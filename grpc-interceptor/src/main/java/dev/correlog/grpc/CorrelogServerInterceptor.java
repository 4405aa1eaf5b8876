package dev.correlog.grpc;

import dev.correlog.Correlog;
import dev.correlog.context.ContextStorage;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Propagation;
import dev.correlog.propagation.Propagator;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * The receiving side: extracts the caller's context from the call's metadata (or starts a new
 * trace), starts this hop's span, makes the head sampling decision, and keeps the span current
 * around {@code startCall}, every listener callback and the call's {@code sendHeaders}, {@code
 * sendMessage} and {@code close}.
 */
final class CorrelogServerInterceptor implements ServerInterceptor {
  private final Correlog correlog;
  private final Propagator propagator;
  private final CallEvents events; // null: no event

  CorrelogServerInterceptor(Correlog correlog, Propagator propagator, CallEvents events) {
    this.correlog = correlog;
    this.propagator = propagator;
    this.events = events;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    long start = System.nanoTime();
    TraceContext span =
        correlog.decide(Propagation.startServerSpan(headers, MetadataCarrier.GETTER, propagator));
    TracedServerCall<ReqT, RespT> traced =
        new TracedServerCall<>(call, span, events, start, Context.current().getDeadline());
    ServerCall.Listener<ReqT> listener;
    try (Scope s = ContextStorage.attachForTask(span)) {
      try {
        listener = next.startCall(traced, headers);
      } catch (Throwable t) {
        traced.finish(Status.fromThrowable(t), t); // what gRPC closes the call with
        throw t;
      }
    }
    return new TracedServerListener<>(listener, traced);
  }
}
