package dev.correlog.grpc;

import dev.correlog.context.ContextStorage;
import dev.correlog.context.Scope;
import io.grpc.ForwardingServerCallListener;
import io.grpc.ServerCall;

/**
 * Runs every callback of the application's listener with the call's span current, on whatever
 * executor thread gRPC runs it, and restores the thread afterwards exactly: a scope the callback
 * left open is closed with it ({@link ContextStorage#attachForTask}).
 */
final class TracedServerListener<ReqT>
    extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {
  private final TracedServerCall<ReqT, ?> call;

  TracedServerListener(ServerCall.Listener<ReqT> delegate, TracedServerCall<ReqT, ?> call) {
    super(delegate);
    this.call = call;
  }

  @Override
  public void onMessage(ReqT message) {
    try (Scope s = ContextStorage.attachForTask(call.context)) {
      try {
        super.onMessage(message);
      } catch (Throwable t) {
        call.failed(t);
        throw t;
      }
    }
  }

  @Override
  public void onHalfClose() {
    try (Scope s = ContextStorage.attachForTask(call.context)) {
      try {
        super.onHalfClose();
      } catch (Throwable t) {
        call.failed(t);
        throw t;
      }
    }
  }

  @Override
  public void onReady() {
    try (Scope s = ContextStorage.attachForTask(call.context)) {
      try {
        super.onReady();
      } catch (Throwable t) {
        call.failed(t);
        throw t;
      }
    }
  }

  @Override
  public void onCancel() {
    try (Scope s = ContextStorage.attachForTask(call.context)) {
      try {
        super.onCancel();
      } finally {
        call.cancelled();
      }
    }
  }

  @Override
  public void onComplete() {
    try (Scope s = ContextStorage.attachForTask(call.context)) {
      try {
        super.onComplete();
      } finally {
        call.completed();
      }
    }
  }
}
