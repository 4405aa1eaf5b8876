package dev.correlog.grpc;

import static dev.correlog.grpc.Harness.assertInServerSpan;
import static dev.correlog.grpc.Harness.assertPaired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every call shape, a deadline, a cancellation and a handler that throws, through both
 * interceptors; subclassed once per transport. The server's executor has several threads, so the
 * callbacks of one call run on different threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class CallShapesContract {
  static final int SERVER_THREADS = 3;
  static final int CLIENT_THREADS = 2;

  final Harness h = new Harness();
  final ExecutorService serverPool = Harness.pool("server-exec", SERVER_THREADS);
  final ExecutorService clientPool = Harness.pool("client-exec", CLIENT_THREADS);
  TestService service;
  Server server;
  ManagedChannel channel;
  final String id = UUID.randomUUID().toString().substring(0, 8);

  /**
   * A started server of {@code service}, intercepted by {@code interceptor}, on {@code executor}.
   */
  abstract Server startServer(
      ServerServiceDefinition service, ServerInterceptor interceptor, ExecutorService executor)
      throws Exception;

  /** A channel to {@code server}, intercepted by {@code interceptor}, on {@code executor}. */
  abstract ManagedChannel newChannel(
      Server server, ClientInterceptor interceptor, ExecutorService executor);

  @BeforeEach
  void start() throws Exception {
    service = new TestService(h.server);
    server =
        startServer(
            service.definition(), CorrelogGrpc.create(h.server).serverInterceptor(), serverPool);
    channel = newChannel(server, CorrelogGrpc.create(h.client).clientInterceptor(), clientPool);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      Harness.assertThreadsClean(serverPool, SERVER_THREADS);
      Harness.assertThreadsClean(clientPool, CLIENT_THREADS);
      Harness.assertThreadsClean(service.ownThreads(), 1);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      service.shutdown();
      serverPool.shutdownNow();
      clientPool.shutdownNow();
      h.close();
    }
  }

  private TraceContext caller(String name) {
    return TraceContext.newRoot("req-" + name + "-" + id).withSampled(true);
  }

  /** The span the server's responses were serialized in, by response text. */
  private static String serializedSpan(String response) {
    TraceContext c = TestService.SERIALIZED_IN.get(response);
    return c == null ? null : c.spanIdHex();
  }

  @Test
  void unary_handlerLinesCarryTheCallersTraceAndRequestId() {
    TraceContext caller = caller("unary");
    String reply;
    try (Scope s = caller.attach()) {
      reply =
          ClientCalls.blockingUnaryCall(channel, TestService.UNARY, CallOptions.DEFAULT, "u" + id);
      assertThat(TraceContext.current()).isSameAs(caller);
    }
    assertThat(reply).isEqualTo("resp:u" + id);

    JsonNode client = Lines.one(h.clientSink, "rpc.client.call");
    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertPaired(caller, client, server, "Unary", 0);
    assertThat(Lines.text(client, "level")).isEqualTo("INFO");
    assertThat(Lines.text(server, "level")).isEqualTo("INFO");
    assertThat(Lines.text(server, "rpc.grpc.status")).isEqualTo("OK");
    assertInServerSpan(Lines.one(h.serverSink, "handler.unary"), server, caller);
    assertThat(serializedSpan("resp:u" + id)).isEqualTo(Lines.text(server, "span_id"));
  }

  @Test
  void serverStreaming_responsesSentFromAnotherThreadAreInTheCallsSpan() {
    TraceContext caller = caller("sstream");
    List<String> replies = new ArrayList<>();
    try (Scope s = caller.attach()) {
      ClientCalls.blockingServerStreamingCall(
              channel, TestService.SERVER_STREAM, CallOptions.DEFAULT, "s" + id)
          .forEachRemaining(replies::add);
    }
    assertThat(replies)
        .containsExactly("resp:s" + id + "#0", "resp:s" + id + "#1", "resp:s" + id + "#2");

    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertPaired(caller, Lines.one(h.clientSink, "rpc.client.call"), server, "ServerStream", 0);
    assertInServerSpan(Lines.one(h.serverSink, "handler.server_stream"), server, caller);
    for (String r : replies) {
      assertThat(serializedSpan(r)).as(r).isEqualTo(Lines.text(server, "span_id"));
    }
  }

  @Test
  void clientStreaming_everyMessageCallbackIsInTheCallsSpan() throws Exception {
    TraceContext caller = caller("cstream");
    Recorder replies = new Recorder();
    try (Scope s = caller.attach()) {
      StreamObserver<String> requests =
          ClientCalls.asyncClientStreamingCall(
              channel.newCall(TestService.CLIENT_STREAM, CallOptions.DEFAULT), replies);
      requests.onNext("a" + id);
      requests.onNext("b" + id);
      requests.onNext("c" + id);
      requests.onCompleted();
    }
    assertThat(replies.done.get(10, TimeUnit.SECONDS)).isEqualTo(Status.Code.OK);
    assertThat(replies.values).containsExactly("resp:a" + id + "b" + id + "c" + id);
    assertThat(replies.contexts).containsOnly(caller.spanIdHex());

    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertPaired(caller, Lines.one(h.clientSink, "rpc.client.call"), server, "ClientStream", 0);
    assertInServerSpan(Lines.one(h.serverSink, "handler.client_stream"), server, caller);
    List<JsonNode> received = Lines.await(h.serverSink, "handler.received", 3);
    assertThat(received).hasSize(3);
    for (JsonNode line : received) {
      assertInServerSpan(line, server, caller);
    }
    assertInServerSpan(Lines.one(h.serverSink, "handler.completed"), server, caller);
  }

  @Test
  void bidiStreaming_bothDirectionsAreInTheCallsSpan() throws Exception {
    TraceContext caller = caller("bidi");
    Recorder replies = new Recorder();
    try (Scope s = caller.attach()) {
      StreamObserver<String> requests =
          ClientCalls.asyncBidiStreamingCall(
              channel.newCall(TestService.BIDI, CallOptions.DEFAULT), replies);
      requests.onNext("x" + id);
      requests.onNext("y" + id);
      requests.onCompleted();
    }
    assertThat(replies.done.get(10, TimeUnit.SECONDS)).isEqualTo(Status.Code.OK);
    assertThat(replies.values).containsExactlyInAnyOrder("resp:x" + id, "resp:y" + id);
    assertThat(replies.contexts).containsOnly(caller.spanIdHex());

    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertPaired(caller, Lines.one(h.clientSink, "rpc.client.call"), server, "Bidi", 0);
    for (JsonNode line : Lines.await(h.serverSink, "handler.received", 2)) {
      assertInServerSpan(line, server, caller);
    }
    assertInServerSpan(Lines.one(h.serverSink, "handler.bidi"), server, caller);
    assertInServerSpan(Lines.one(h.serverSink, "handler.completed"), server, caller);
    assertThat(serializedSpan("resp:x" + id)).isEqualTo(Lines.text(server, "span_id"));
  }

  /** One call first, so the connection is up and the classes loaded before a deadline runs. */
  private void warmUp() {
    ClientCalls.blockingUnaryCall(channel, TestService.UNARY, CallOptions.DEFAULT, "warm-up");
    Lines.one(h.serverSink, "rpc.server.call");
    h.clientSink.clear();
    h.serverSink.clear();
  }

  @Test
  void deadlineExceeded_bothSidesSayDeadlineExceededAtError() {
    warmUp();
    TraceContext caller = caller("deadline");
    try (Scope s = caller.attach()) {
      assertThatThrownBy(
              () ->
                  ClientCalls.blockingUnaryCall(
                      channel,
                      TestService.HANG,
                      CallOptions.DEFAULT.withDeadlineAfter(1, TimeUnit.SECONDS),
                      "d" + id))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    }
    JsonNode client = Lines.one(h.clientSink, "rpc.client.call");
    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertPaired(caller, client, server, "Hang", Status.Code.DEADLINE_EXCEEDED.value());
    assertThat(Lines.text(client, "level")).isEqualTo("ERROR");
    assertThat(Lines.text(server, "level")).isEqualTo("ERROR");
    assertInServerSpan(Lines.one(h.serverSink, "handler.hang"), server, caller);
    assertInServerSpan(Lines.one(h.serverSink, "handler.cancelled"), server, caller);
  }

  @Test
  void clientCancellation_serverSeesCancelledInTheCallsSpan() throws Exception {
    TraceContext caller = caller("cancel");
    Recorder replies = new Recorder();
    // A deadline far away: a cancellation long before it is CANCELLED, not DEADLINE_EXCEEDED.
    ClientCall<String, String> call =
        channel.newCall(
            TestService.HANG, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
    try (Scope s = caller.attach()) {
      ClientCalls.asyncUnaryCall(call, "c" + id, replies);
    }
    Lines.one(h.serverSink, "handler.hang");
    call.cancel("the test cancels", null);
    assertThat(replies.done.get(10, TimeUnit.SECONDS)).isEqualTo(Status.Code.CANCELLED);
    assertThat(replies.contexts).containsOnly(caller.spanIdHex());

    JsonNode client = Lines.one(h.clientSink, "rpc.client.call");
    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertPaired(caller, client, server, "Hang", Status.Code.CANCELLED.value());
    assertThat(Lines.text(client, "level")).isEqualTo("WARN");
    assertThat(Lines.text(server, "level")).isEqualTo("WARN");
    assertInServerSpan(Lines.one(h.serverSink, "handler.cancelled"), server, caller);
  }

  @Test
  void handlerThrows_unknownAtErrorWithTheException() {
    TraceContext caller = caller("throw");
    try (Scope s = caller.attach()) {
      assertThatThrownBy(
              () ->
                  ClientCalls.blockingUnaryCall(
                      channel, TestService.THROW, CallOptions.DEFAULT, "t" + id))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN));
    }
    JsonNode client = Lines.one(h.clientSink, "rpc.client.call");
    JsonNode server = Lines.one(h.serverSink, "rpc.server.call");
    assertPaired(caller, client, server, "Throw", Status.Code.UNKNOWN.value());
    assertThat(Lines.text(server, "level")).isEqualTo("ERROR");
    assertThat(server.path("error").path("type").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(server.path("error").path("message").asText()).isEqualTo("boom: t" + id);
    assertInServerSpan(Lines.one(h.serverSink, "handler.throw"), server, caller);
  }

  @Test
  void fiveHundredConcurrentCalls_everyLineHasItsOwnCallsTrace() throws Exception {
    int calls = 500;
    List<TraceContext> callers = new ArrayList<>();
    List<Recorder> replies = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      TraceContext caller = TraceContext.newRoot("leak-" + i + "-" + id).withSampled(true);
      Recorder r = new Recorder();
      try (Scope s = caller.attach()) {
        ClientCalls.asyncUnaryCall(
            channel.newCall(TestService.LATER, CallOptions.DEFAULT), "L" + i + "-" + id, r);
      }
      callers.add(caller);
      replies.add(r);
    }
    for (int i = 0; i < calls; i++) {
      assertThat(replies.get(i).done.get(30, TimeUnit.SECONDS))
          .as("call %d", i)
          .isEqualTo(Status.Code.OK);
      assertThat(replies.get(i).values).containsExactly("resp:L" + i + "-" + id);
      assertThat(replies.get(i).contexts)
          .as("client callbacks of call %d", i)
          .containsOnly(callers.get(i).spanIdHex());
    }
    List<JsonNode> handlerLines = Lines.await(h.serverSink, "handler.later", calls);
    List<JsonNode> serverEvents = Lines.await(h.serverSink, "rpc.server.call", calls);
    List<JsonNode> clientEvents = Lines.await(h.clientSink, "rpc.client.call", calls);
    assertThat(handlerLines).hasSize(calls);
    assertThat(serverEvents).hasSize(calls);
    assertThat(clientEvents).hasSize(calls);
    java.util.Map<String, JsonNode> serverBySpan = new java.util.HashMap<>();
    for (JsonNode e : serverEvents) {
      serverBySpan.put(Lines.text(e, "span_id"), e);
    }
    for (JsonNode line : handlerLines) {
      String request = Lines.text(line, "request");
      int i = Integer.parseInt(request.substring(1, request.indexOf('-')));
      TraceContext caller = callers.get(i);
      JsonNode server = serverBySpan.get(Lines.text(line, "span_id"));
      assertThat(server).as("server event of %s", line).isNotNull();
      assertInServerSpan(line, server, caller);
      assertThat(serializedSpan("resp:" + request)).isEqualTo(Lines.text(server, "span_id"));
    }
    java.util.Map<String, JsonNode> clientBySpan = new java.util.HashMap<>();
    for (JsonNode e : clientEvents) {
      clientBySpan.put(Lines.text(e, "span_id"), e);
    }
    for (JsonNode server : serverEvents) {
      JsonNode client = clientBySpan.get(Lines.text(server, "parent_span_id"));
      assertThat(client).as("client event of %s", server).isNotNull();
      assertThat(Lines.text(client, "trace_id")).isEqualTo(Lines.text(server, "trace_id"));
      assertThat(Lines.text(client, "request_id")).isEqualTo(Lines.text(server, "request_id"));
    }
  }

  /** A response observer that records what it got and the context current in its callbacks. */
  static final class Recorder implements StreamObserver<String> {
    final List<String> values = new CopyOnWriteArrayList<>();
    final List<String> contexts = new CopyOnWriteArrayList<>();
    final CompletableFuture<Status.Code> done = new CompletableFuture<>();

    private void record() {
      TraceContext c = TraceContext.current();
      contexts.add(c == null ? "none" : c.spanIdHex());
    }

    @Override
    public void onNext(String value) {
      record();
      values.add(value);
    }

    @Override
    public void onError(Throwable t) {
      record();
      done.complete(Status.fromThrowable(t).getCode());
    }

    @Override
    public void onCompleted() {
      record();
      done.complete(Status.Code.OK);
    }
  }
}
