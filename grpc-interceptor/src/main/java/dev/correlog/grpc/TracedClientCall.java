package dev.correlog.grpc;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import io.grpc.ClientCall;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * One outgoing call: at {@code start}, a new client span is injected into the call's metadata. The
 * response listener's callbacks run with the caller's context current (the one current at {@code
 * start}); the call's event is written in the client span when it closes.
 */
final class TracedClientCall<ReqT, RespT>
    extends ForwardingClientCall.SimpleForwardingClientCall<ReqT, RespT> {
  private final CorrelogClientInterceptor owner;
  private final MethodDescriptor<ReqT, RespT> method;
  private final String authority;

  TracedClientCall(
      ClientCall<ReqT, RespT> delegate,
      CorrelogClientInterceptor owner,
      MethodDescriptor<ReqT, RespT> method,
      String authority) {
    super(delegate);
    this.owner = owner;
    this.method = method;
    this.authority = authority;
  }

  @Override
  public void start(Listener<RespT> responseListener, Metadata headers) {
    TraceContext parent = owner.currentContext();
    TraceContext span = owner.startSpan(parent, headers);
    super.start(new TracedListener(responseListener, parent, span, System.nanoTime()), headers);
  }

  private final class TracedListener
      extends ForwardingClientCallListener.SimpleForwardingClientCallListener<RespT> {
    private final TraceContext parent; // null: the caller had no context
    private final TraceContext span;
    private final long startNanos;

    TracedListener(
        Listener<RespT> delegate, TraceContext parent, TraceContext span, long startNanos) {
      super(delegate);
      this.parent = parent;
      this.span = span;
      this.startNanos = startNanos;
    }

    private Scope enter() {
      return parent == null ? null : Scopes.enter(parent);
    }

    @Override
    public void onHeaders(Metadata headers) {
      try (Scope s = enter()) {
        super.onHeaders(headers);
      }
    }

    @Override
    public void onMessage(RespT message) {
      try (Scope s = enter()) {
        super.onMessage(message);
      }
    }

    @Override
    public void onReady() {
      try (Scope s = enter()) {
        super.onReady();
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      CallEvents events = owner.events();
      if (events != null) {
        try (Scope s = Scopes.enter(span)) {
          events.emit(
              method,
              status,
              null,
              startNanos,
              getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
              authority);
        } catch (RuntimeException e) {
          // getAttributes() of a call that never reached a transport; the call goes on.
        }
      }
      try (Scope s = enter()) {
        super.onClose(status, trailers);
      }
    }
  }
}
