package dev.correlog.grpc;

import dev.correlog.EventBuilder;
import dev.correlog.EventLogger;
import dev.correlog.Level;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Writes the one event of a call, {@code rpc.server.call} or {@code rpc.client.call}, in the
 * current context (the interceptors attach the call's span first). Never throws: a failure to log
 * must not fail the call.
 */
final class CallEvents {
  static final String SERVER_EVENT = "rpc.server.call";
  static final String CLIENT_EVENT = "rpc.client.call";

  private final EventLogger log;
  private final String event;
  private final StatusLevels levels;

  CallEvents(EventLogger log, String event, StatusLevels levels) {
    this.log = log;
    this.event = event;
    this.levels = levels;
  }

  /**
   * One call's event.
   *
   * @param error what the handler threw, or null (then the status's cause, if any, is written)
   * @param peer the other side's address, or null
   * @param authority the channel's authority (client side), or null
   */
  void emit(
      MethodDescriptor<?, ?> method,
      Status status,
      Throwable error,
      long startNanos,
      SocketAddress peer,
      String authority) {
    try {
      Level level = levels.level(status.getCode());
      if (!log.isEnabled(level)) {
        return;
      }
      EventBuilder b = log.at(level, event);
      if (!b.isEnabled()) {
        return;
      }
      b.field("rpc.system", "grpc");
      String service = method.getServiceName();
      if (service != null) {
        b.field("rpc.service", service);
      }
      String bare = method.getBareMethodName();
      b.field("rpc.method", bare != null ? bare : method.getFullMethodName());
      b.field("rpc.grpc.status_code", status.getCode().value());
      b.field("rpc.grpc.status", status.getCode());
      if (!status.isOk() && status.getDescription() != null) {
        b.field("rpc.grpc.status_description", status.getDescription());
      }
      b.field("duration_ms", (System.nanoTime() - startNanos) / 1_000_000.0);
      if (authority != null) {
        b.field("server.address", authority);
      }
      peer(b, peer);
      Throwable t = error != null ? error : status.getCause();
      if (t != null) {
        b.error(t);
      }
      b.emit();
    } catch (RuntimeException e) {
      // Strict schema mode or a broken sink: the call goes on regardless.
    }
  }

  private static void peer(EventBuilder b, SocketAddress peer) {
    if (peer instanceof InetSocketAddress) {
      InetSocketAddress inet = (InetSocketAddress) peer;
      b.field(
          "network.peer.address",
          inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString());
      b.field("network.peer.port", inet.getPort());
    } else if (peer != null) {
      b.field("network.peer.address", String.valueOf(peer));
    }
  }
}
