package dev.correlog.grpc;

import dev.correlog.Correlog;
import dev.correlog.Level;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Propagators;
import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;
import java.util.Objects;

/**
 * Correlation across gRPC calls: a client interceptor that sends the current context with every
 * call, and a server interceptor that continues it in the handler, on whatever executor thread gRPC
 * runs the handler's callbacks.
 *
 * <pre>{@code
 * CorrelogGrpc grpc = CorrelogGrpc.create(correlog);
 * Server server = ServerBuilder.forPort(8443).addService(orders).intercept(grpc.serverInterceptor()).build();
 * ManagedChannel channel = ManagedChannelBuilder.forTarget("payments:8443").intercept(grpc.clientInterceptor()).build();
 * }</pre>
 *
 * <p>Every served call writes one {@code rpc.server.call} event, and every call made one {@code
 * rpc.client.call} event (unless {@link Builder#clientEvents(boolean) turned off}), with {@code
 * rpc.system}, {@code rpc.service}, {@code rpc.method}, {@code rpc.grpc.status_code}, {@code
 * rpc.grpc.status}, {@code duration_ms} and the peer's address. Immutable and thread-safe; the
 * interceptors can be shared by any number of servers and channels.
 */
public final class CorrelogGrpc {
  /** Logger of the {@code rpc.server.call} events. */
  static final String SERVER_LOGGER = "dev.correlog.grpc.server";

  /** Logger of the {@code rpc.client.call} events. */
  static final String CLIENT_LOGGER = "dev.correlog.grpc.client";

  private final ClientInterceptor client;
  private final ServerInterceptor server;

  private CorrelogGrpc(Builder b) {
    StatusLevels levels = StatusLevels.of(b.levels);
    CallEvents serverEvents =
        new CallEvents(b.correlog.logger(SERVER_LOGGER), CallEvents.SERVER_EVENT, levels);
    CallEvents clientEvents =
        b.clientEvents
            ? new CallEvents(b.correlog.logger(CLIENT_LOGGER), CallEvents.CLIENT_EVENT, levels)
            : null;
    this.client = new CorrelogClientInterceptor(b.correlog, b.propagator, clientEvents);
    this.server = new CorrelogServerInterceptor(b.correlog, b.propagator, serverEvents);
    if (b.grpcContextBridge) {
      GrpcContextBridge.install();
    }
  }

  /** With the defaults: {@link Propagators#defaults()}, client events on, default levels. */
  public static CorrelogGrpc create(Correlog correlog) {
    return newBuilder(correlog).build();
  }

  public static Builder newBuilder(Correlog correlog) {
    return new Builder(Objects.requireNonNull(correlog, "correlog"));
  }

  /**
   * For {@code ManagedChannelBuilder.intercept(..)} or {@code ClientInterceptors.intercept(..)}:
   * each call gets a new client span, a child of the current context (a new trace when there is
   * none), sent as {@code traceparent}, {@code tracestate}, {@code b3} and {@code x-request-id}.
   */
  public ClientInterceptor clientInterceptor() {
    return client;
  }

  /**
   * For {@code ServerBuilder.intercept(..)} or {@code ServerInterceptors.intercept(..)}: continues
   * the caller's trace (or starts one) in a new span that is current in every callback of the call.
   */
  public ServerInterceptor serverInterceptor() {
    return server;
  }

  /** Configures a {@link CorrelogGrpc}. */
  public static final class Builder {
    private final Correlog correlog;
    private Propagator propagator = Propagators.defaults();
    private boolean clientEvents = true;
    private boolean grpcContextBridge = true;
    private final Map<Status.Code, Level> levels = StatusLevels.defaults();

    private Builder(Correlog correlog) {
      this.correlog = correlog;
    }

    /** The formats read and written ({@link Propagators#defaults()} unless set). */
    public Builder propagator(Propagator propagator) {
      this.propagator = Objects.requireNonNull(propagator, "propagator");
      return this;
    }

    /** Whether each call made writes an {@code rpc.client.call} event (true unless set). */
    public Builder clientEvents(boolean enabled) {
      this.clientEvents = enabled;
      return this;
    }

    /**
     * The level of a call's event when it ends with {@code code}. By default {@code OK} is INFO;
     * {@code UNKNOWN}, {@code DEADLINE_EXCEEDED}, {@code UNIMPLEMENTED}, {@code INTERNAL}, {@code
     * UNAVAILABLE} and {@code DATA_LOSS} are ERROR; the other codes are WARN.
     */
    public Builder statusLevel(Status.Code code, Level level) {
      levels.put(Objects.requireNonNull(code, "code"), Objects.requireNonNull(level, "level"));
      return this;
    }

    /**
     * Whether Correlog's current context is mirrored into {@code io.grpc.Context} (true unless
     * set): a scope decorator, registered once per class loader with {@code
     * ContextStorage.addDecorator}, attaches {@code Context.current()} with the trace context for
     * the life of every Correlog scope, so work handed on with {@code Context.current().wrap(..)}
     * or {@code Context.currentContextExecutor(..)} carries the trace to the calls it makes. It is
     * process-wide and stays registered; turning it off here only means this instance does not
     * register it.
     */
    public Builder grpcContextBridge(boolean enabled) {
      this.grpcContextBridge = enabled;
      return this;
    }

    public CorrelogGrpc build() {
      return new CorrelogGrpc(this);
    }
  }
}
