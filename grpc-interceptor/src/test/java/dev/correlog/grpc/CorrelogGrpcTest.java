package dev.correlog.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.Correlog;
import dev.correlog.Level;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sink.InMemorySink;
import dev.correlog.sink.Sinks;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The options of {@link CorrelogGrpc}, and where a call's trace and sampling decision begin. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CorrelogGrpcTest {
  private final Harness h = new Harness();
  private final ExecutorService pool = Harness.pool("cfg-exec", 2);
  private final String name = InProcessServerBuilder.generateName();
  private TestService service;
  private Server server;
  private ManagedChannel raw;

  private Channel start(
      CorrelogGrpc serverSide, CorrelogGrpc clientSide, ServerInterceptor... inner)
      throws Exception {
    service = new TestService(h.server);
    ServerInterceptor[] all = new ServerInterceptor[inner.length + 1];
    System.arraycopy(inner, 0, all, 0, inner.length);
    all[inner.length] = serverSide.serverInterceptor(); // the last one runs first
    server =
        InProcessServerBuilder.forName(name)
            .executor(pool)
            .addService(ServerInterceptors.intercept(service.definition(), all))
            .build()
            .start();
    raw = InProcessChannelBuilder.forName(name).executor(pool).build();
    return ClientInterceptors.intercept(raw, clientSide.clientInterceptor());
  }

  @AfterEach
  void stop() throws Exception {
    raw.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    service.shutdown();
    Harness.assertThreadsClean(pool, 2);
    pool.shutdownNow();
    h.close();
  }

  @Test
  void statusLevels_defaultWarnForNotFound_andConfigurable() throws Exception {
    Channel channel =
        start(
            CorrelogGrpc.newBuilder(h.server)
                .statusLevel(Status.Code.NOT_FOUND, Level.INFO)
                .build(),
            CorrelogGrpc.create(h.client));
    assertThatThrownBy(
            () ->
                ClientCalls.blockingUnaryCall(
                    channel, TestService.MISSING, CallOptions.DEFAULT, "o-17"))
        .isInstanceOf(StatusRuntimeException.class);
    JsonNode client = Lines.one(h.clientSink, "rpc.client.call");
    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertThat(Lines.text(client, "level")).isEqualTo("WARN");
    assertThat(Lines.text(server, "level")).isEqualTo("INFO");
    for (JsonNode e : new JsonNode[] {client, server}) {
      assertThat(Lines.text(e, "rpc.grpc.status")).isEqualTo("NOT_FOUND");
      assertThat(e.path("rpc.grpc.status_code").asInt()).isEqualTo(5);
      assertThat(Lines.text(e, "rpc.grpc.status_description")).isEqualTo("no order o-17");
    }
    assertThat(Lines.text(client, "server.address")).isEqualTo(raw.authority());
  }

  @Test
  void clientEventsOff_onlyTheServerWritesItsEvent() throws Exception {
    Channel channel =
        start(
            CorrelogGrpc.create(h.server),
            CorrelogGrpc.newBuilder(h.client).clientEvents(false).build());
    TraceContext caller = TraceContext.newRoot("req-quiet").withSampled(true);
    try (Scope s = caller.attach()) {
      ClientCalls.blockingUnaryCall(channel, TestService.UNARY, CallOptions.DEFAULT, "quiet");
    }
    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertThat(Lines.text(server, "trace_id")).isEqualTo(caller.traceIdHex());
    assertThat(Lines.text(server, "request_id")).isEqualTo("req-quiet");
    assertThat(h.clientSink.lines()).isEmpty();
  }

  @Test
  void noCurrentContext_theClientStartsADecidedTrace() throws Exception {
    Channel channel = start(CorrelogGrpc.create(h.server), CorrelogGrpc.create(h.client));
    ClientCalls.blockingUnaryCall(channel, TestService.UNARY, CallOptions.DEFAULT, "rootless");
    JsonNode client = Lines.one(h.clientSink, "rpc.client.call");
    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertThat(client.has("parent_span_id")).isFalse();
    assertThat(Lines.text(server, "trace_id")).isEqualTo(Lines.text(client, "trace_id"));
    assertThat(Lines.text(server, "parent_span_id")).isEqualTo(Lines.text(client, "span_id"));
    // the caller's head decision (ratio 1: sampled) travelled, so the server keeps its INFO lines
    Lines.one(h.serverSink, "handler.unary");
  }

  @Test
  void anUndecidedCaller_isDecidedBeforeItsContextIsSent() throws Exception {
    Channel channel = start(CorrelogGrpc.create(h.server), CorrelogGrpc.create(h.client));
    TraceContext undecided = TraceContext.newRoot("req-u"); // head ratio 1: decided as sampled
    try (Scope s = undecided.attach()) {
      ClientCalls.blockingUnaryCall(channel, TestService.UNARY, CallOptions.DEFAULT, "u");
    }
    JsonNode handler = Lines.one(h.serverSink, "handler.unary");
    assertThat(Lines.text(handler, "trace_id")).isEqualTo(undecided.traceIdHex());
    assertThat(Lines.text(handler, "request_id")).isEqualTo("req-u");
    JsonNode client = Lines.one(h.clientSink, "rpc.client.call");
    assertThat(Lines.text(client, "parent_span_id")).isEqualTo(undecided.spanIdHex());
  }

  @Test
  void theCallersSamplingDecisionTravels_notSampledDropsTheServersInfoLines() throws Exception {
    InMemorySink sink = Sinks.inMemory();
    try (Correlog neverSamples =
        Correlog.builder().service("stingy").version("1").sink(sink).headRatio(0).build()) {
      Channel channel = start(CorrelogGrpc.create(h.server), CorrelogGrpc.create(neverSamples));
      TraceContext undecided = TraceContext.newRoot("req-undecided");
      try (Scope s = undecided.attach()) {
        ClientCalls.blockingUnaryCall(channel, TestService.UNARY, CallOptions.DEFAULT, "a");
        ClientCalls.blockingUnaryCall(channel, TestService.THROW, CallOptions.DEFAULT, "b");
      } catch (StatusRuntimeException expected) {
        // the second call fails on purpose
      }
      JsonNode error = Lines.one(h.serverSink, "rpc.server.call"); // ERROR: never sampled away
      assertThat(Lines.text(error, "rpc.method")).isEqualTo("Throw");
      assertThat(Lines.text(error, "trace_id")).isEqualTo(undecided.traceIdHex());
      assertThat(Lines.events(h.serverSink, "handler.unary")).isEmpty();
      assertThat(Lines.events(h.serverSink, "handler.throw")).isEmpty();
    }
  }

  @Test
  void anInnerInterceptorThrowingInStartCall_isTheCallsError() throws Exception {
    ServerInterceptor broken =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            throw new IllegalArgumentException("broken interceptor");
          }
        };
    Channel channel = start(CorrelogGrpc.create(h.server), CorrelogGrpc.create(h.client), broken);
    TraceContext caller = TraceContext.newRoot("req-broken").withSampled(true);
    try (Scope s = caller.attach()) {
      assertThatThrownBy(
              () ->
                  ClientCalls.blockingUnaryCall(
                      channel, TestService.UNARY, CallOptions.DEFAULT, "x"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN));
    }
    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertThat(Lines.text(server, "level")).isEqualTo("ERROR");
    assertThat(Lines.text(server, "trace_id")).isEqualTo(caller.traceIdHex());
    assertThat(server.path("error").path("type").asText())
        .isEqualTo("java.lang.IllegalArgumentException");
  }

  @Test
  void aHandlerThatLeavesAScopeOpen_leavesNoContextOnTheThread() throws Exception {
    ServerInterceptor leaky =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<Q>(
                next.startCall(call, headers)) {
              @Override
              public void onHalfClose() {
                TraceContext.newRoot("leaked").attach(); // never closed
                super.onHalfClose();
              }
            };
          }
        };
    Channel channel = start(CorrelogGrpc.create(h.server), CorrelogGrpc.create(h.client), leaky);
    for (int i = 0; i < 4; i++) {
      ClientCalls.blockingUnaryCall(channel, TestService.UNARY, CallOptions.DEFAULT, "leak" + i);
    }
    // the handler's own lines are in the scope it opened; the call's event is in the call's span
    for (JsonNode e : Lines.await(h.serverSink, "rpc.server.call", 4)) {
      assertThat(Lines.text(e, "request_id")).isNotEqualTo("leaked");
      assertThat(e.has("parent_span_id")).isTrue();
    }
    // and stop() asserts that no pool thread kept a context
  }

  @Test
  void noContextStorageOverrideIsShipped() throws Exception {
    // only one may exist on a class path, and it belongs to the application
    assertThatThrownBy(() -> Class.forName("io.grpc.override.ContextStorageOverride"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(java.nio.file.Path.of("target/classes/io/grpc")).doesNotExist();
    service = new TestService(h.server);
    server = InProcessServerBuilder.forName(name).build();
    raw = InProcessChannelBuilder.forName(name).build();
  }

  @Test
  void builder_rejectsNulls() {
    assertThatThrownBy(() -> CorrelogGrpc.create(null)).isInstanceOf(NullPointerException.class);
    CorrelogGrpc.Builder b = CorrelogGrpc.newBuilder(h.server);
    assertThatThrownBy(() -> b.propagator(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.statusLevel(null, Level.INFO))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.statusLevel(Status.Code.OK, null))
        .isInstanceOf(NullPointerException.class);
    service = new TestService(h.server);
    server = InProcessServerBuilder.forName(name).build();
    raw = InProcessChannelBuilder.forName(name).build();
  }
}
