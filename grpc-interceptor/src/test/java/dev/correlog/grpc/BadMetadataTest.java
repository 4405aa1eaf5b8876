package dev.correlog.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad metadata sent over a real Netty connection by a caller without Correlog: the call succeeds,
 * and the server starts a new trace (and a request id of its own when the one sent is bad).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadMetadataTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN = "00f067aa0ba902b7";
  private static final String VALID = "00-" + TRACE + "-" + SPAN + "-01";

  private static final Harness h = new Harness();
  private static final ExecutorService pool = Harness.pool("bad-exec", 2);
  private static TestService service;
  private static Server server;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    service = new TestService(h.server);
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .executor(pool)
            .addService(service.definition())
            .intercept(CorrelogGrpc.create(h.server).serverInterceptor())
            .build()
            .start();
    int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    service.shutdown();
    pool.shutdownNow();
    h.close();
  }

  @BeforeEach
  void clear() {
    h.serverSink.clear();
  }

  private static Metadata.Key<String> ascii(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  private static Arguments bad(String name, Consumer<Metadata> headers) {
    return Arguments.of(name, headers);
  }

  static Stream<Arguments> badHeaders() {
    String big = "a".repeat(6000);
    return Stream.of(
        bad("malformed traceparent", m -> m.put(ascii("traceparent"), "00-not-a-trace-01")),
        bad("uppercase traceparent", m -> m.put(ascii("traceparent"), VALID.toUpperCase())),
        bad(
            "all-zero trace id",
            m -> m.put(ascii("traceparent"), "00-" + "0".repeat(32) + "-" + SPAN + "-01")),
        bad("version ff", m -> m.put(ascii("traceparent"), "ff" + VALID.substring(2))),
        bad("oversized traceparent", m -> m.put(ascii("traceparent"), VALID + "-" + big)),
        bad(
            "traceparent sent twice",
            m -> {
              m.put(ascii("traceparent"), VALID);
              m.put(ascii("traceparent"), "00-" + OTHER_TRACE + "-" + SPAN + "-01");
            }),
        bad(
            "binary -bin keys only",
            m -> {
              m.put(
                  Metadata.Key.of("traceparent-bin", Metadata.BINARY_BYTE_MARSHALLER),
                  VALID.getBytes(StandardCharsets.US_ASCII));
              m.put(
                  Metadata.Key.of("grpc-trace-bin", Metadata.BINARY_BYTE_MARSHALLER),
                  new byte[] {0, 1, 2, (byte) 0xff, (byte) 0x80, 10, 13});
            }),
        bad("malformed b3", m -> m.put(ascii("b3"), "not-a-b3-header")),
        bad(
            "b3 sent twice",
            m -> {
              m.put(ascii("b3"), TRACE + "-" + SPAN + "-1");
              m.put(ascii("b3"), OTHER_TRACE + "-" + SPAN + "-1");
            }),
        bad("oversized b3", m -> m.put(ascii("b3"), TRACE + "-" + SPAN + "-1-" + big)),
        bad("malformed x-b3 headers", m -> m.put(ascii("x-b3-traceid"), "xyz")),
        bad("x-request-id with forbidden characters", m -> m.put(ascii("x-request-id"), "a b<c>")),
        bad("oversized x-request-id", m -> m.put(ascii("x-request-id"), big)),
        bad(
            "x-request-id sent twice",
            m -> {
              m.put(ascii("x-request-id"), "first");
              m.put(ascii("x-request-id"), "second");
            }));
  }

  private static String call(Metadata headers, String request) {
    return ClientCalls.blockingUnaryCall(
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
        TestService.UNARY,
        CallOptions.DEFAULT,
        request);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badHeaders")
  void badMetadata_newTrace_neverAFailedCall(String name, Consumer<Metadata> bad) {
    Metadata headers = new Metadata();
    bad.accept(headers);
    assertThat(call(headers, name)).isEqualTo("resp:" + name);

    JsonNode handler = Lines.one(h.serverSink, "handler.unary");
    JsonNode event = Lines.one(h.serverSink, "rpc.server.call");
    for (JsonNode line : List.of(handler, event)) {
      assertThat(Lines.text(line, "trace_id")).isNotIn(TRACE, OTHER_TRACE).hasSize(32);
      assertThat(line.has("parent_span_id")).as("parent of %s", line).isFalse();
      // no request id survived, so the trace id stands in for it
      assertThat(Lines.text(line, "request_id")).isEqualTo(Lines.text(line, "trace_id"));
      assertThat(line.has("schema_errors")).isFalse();
    }
    assertThat(Lines.text(event, "level")).isEqualTo("INFO");
    assertThat(event.path("rpc.grpc.status_code").asInt(-1)).isZero();
    assertThat(Lines.text(handler, "span_id")).isEqualTo(Lines.text(event, "span_id"));
  }

  @Test
  void goodTraceparent_withBadNeighbours_keepsTheTraceAndDropsTheRest() {
    Metadata headers = new Metadata();
    headers.put(ascii("traceparent"), VALID);
    headers.put(ascii("tracestate"), "not a valid=tracestate,,==");
    headers.put(ascii("x-request-id"), "bad id with spaces");
    call(headers, "neighbours");

    JsonNode handler = Lines.one(h.serverSink, "handler.unary");
    assertThat(Lines.text(handler, "trace_id")).isEqualTo(TRACE);
    assertThat(Lines.text(handler, "parent_span_id")).isEqualTo(SPAN);
    assertThat(Lines.text(handler, "request_id")).isEqualTo(TRACE);
  }

  @Test
  void validHeadersFromAnotherTracer_areContinued() {
    Metadata headers = new Metadata();
    headers.put(ascii("b3"), TRACE + "-" + SPAN + "-1");
    headers.put(ascii("x-request-id"), "req-from-elsewhere");
    call(headers, "b3-caller");

    JsonNode handler = Lines.one(h.serverSink, "handler.unary");
    assertThat(Lines.text(handler, "trace_id")).isEqualTo(TRACE);
    assertThat(Lines.text(handler, "parent_span_id")).isEqualTo(SPAN);
    assertThat(Lines.text(handler, "request_id")).isEqualTo("req-from-elsewhere");
  }
}
