package dev.correlog.grpc;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The server call handed to the application: {@code sendHeaders}, {@code sendMessage} and {@code
 * close} run with the call's span current, whatever thread calls them. Writes the call's one event,
 * at the first of: {@code close}, the client cancelling (or the deadline passing), the handler
 * throwing.
 */
final class TracedServerCall<ReqT, RespT>
    extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
  @SuppressWarnings("rawtypes")
  private static final AtomicIntegerFieldUpdater<TracedServerCall> FINISHED =
      AtomicIntegerFieldUpdater.newUpdater(TracedServerCall.class, "finished");

  /** gRPC's own description of a call whose handler threw. */
  static final String APPLICATION_ERROR = "Application error processing RPC";

  /** See {@link #deadlineReached()}. */
  static final long DEADLINE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  final TraceContext context;
  private final CallEvents events; // null: no event
  private final long startNanos;
  private final Deadline deadline; // null: none
  private volatile int finished;

  TracedServerCall(
      ServerCall<ReqT, RespT> delegate,
      TraceContext context,
      CallEvents events,
      long startNanos,
      Deadline deadline) {
    super(delegate);
    this.context = context;
    this.events = events;
    this.startNanos = startNanos;
    this.deadline = deadline;
  }

  @Override
  public void sendHeaders(Metadata headers) {
    try (Scope s = Scopes.enter(context)) {
      super.sendHeaders(headers);
    }
  }

  @Override
  public void sendMessage(RespT message) {
    try (Scope s = Scopes.enter(context)) {
      super.sendMessage(message);
    }
  }

  @Override
  public void close(Status status, Metadata trailers) {
    try (Scope s = Scopes.enter(context)) {
      finish(status, null);
      super.close(status, trailers);
    }
  }

  /** The handler threw {@code error}; gRPC closes the call with UNKNOWN. Call in scope. */
  void failed(Throwable error) {
    finish(Status.UNKNOWN.withDescription(APPLICATION_ERROR), error);
  }

  /** The call was cancelled: by the client, or at its deadline. Call in scope. */
  void cancelled() {
    finish(deadlineReached() ? Status.DEADLINE_EXCEEDED : Status.CANCELLED, null);
  }

  /**
   * True when the call's deadline had passed, or was at most {@link #DEADLINE_SLACK_NANOS} away.
   * The client cancels a call when its deadline passes; the server's copy of that deadline started
   * when the headers arrived, so the client's cancellation may arrive a little before the server's
   * copy passes (up to about 10 ms measured on loopback, more under load). Such a call is reported
   * as DEADLINE_EXCEEDED, as the client sees it, rather than CANCELLED.
   */
  private boolean deadlineReached() {
    return deadline != null && deadline.timeRemaining(TimeUnit.NANOSECONDS) <= DEADLINE_SLACK_NANOS;
  }

  /** The call completed; normally {@code close} has written the event already. Call in scope. */
  void completed() {
    finish(Status.OK, null);
  }

  /** Writes the event the first time it is called; later calls do nothing. */
  void finish(Status status, Throwable error) {
    if (!FINISHED.compareAndSet(this, 0, 1) || events == null) {
      return;
    }
    events.emit(
        getMethodDescriptor(),
        status,
        error,
        startNanos,
        getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
        null);
  }
}
