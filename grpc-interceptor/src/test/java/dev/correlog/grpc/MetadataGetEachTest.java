package dev.correlog.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Propagators;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link MetadataCarrier#GETTER}'s {@code getEach} (the default, one lookup per name: gRPC keeps
 * names lowercase, so a lookup never scans for case, and listing the keys would build a string per
 * header) on metadata received by a real Netty server: the same values as {@code get} name by name,
 * repeats joined, binary headers absent.
 */
class MetadataGetEachTest {
  static final List<String> NAMES =
      List.of(
          "traceparent",
          "tracestate",
          "b3",
          "X-B3-TraceId",
          "X-B3-SpanId",
          "X-B3-ParentSpanId",
          "X-B3-Sampled",
          "X-B3-Flags",
          "x-request-id");
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

  static Metadata.Key<String> ascii(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  @Test
  void getEach_onReceivedMetadata_agreesWithGetNameByName() throws Exception {
    AtomicReference<Metadata> received = new AtomicReference<>();
    ServerInterceptor capture =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            received.set(headers);
            return next.startCall(call, headers);
          }
        };
    ServerServiceDefinition echo =
        ServerServiceDefinition.builder(TestService.SERVICE)
            .addMethod(
                TestService.UNARY,
                ServerCalls.asyncUnaryCall(
                    (String req, io.grpc.stub.StreamObserver<String> out) -> {
                      out.onNext(req);
                      out.onCompleted();
                    }))
            .build();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(echo, capture))
            .build()
            .start();
    Metadata sent = new Metadata();
    sent.put(ascii("TraceParent"), TRACEPARENT);
    sent.put(ascii("tracestate"), "a=1");
    sent.put(ascii("TRACESTATE"), "b=2");
    sent.put(ascii("X-Request-Id"), "r1");
    sent.put(Metadata.Key.of("b3-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] {1, 2});
    for (int i = 0; i < 50; i++) {
      sent.put(ascii("x-junk-" + i), "v");
    }
    InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().get(0);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", bound.getPort())
            .usePlaintext()
            .intercept(MetadataUtils.newAttachHeadersInterceptor(sent))
            .build();
    try {
      assertThat(
              ClientCalls.blockingUnaryCall(channel, TestService.UNARY, CallOptions.DEFAULT, "x"))
          .isEqualTo("x");
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    Metadata m = received.get();
    String[] each = new String[NAMES.size()];
    MetadataCarrier.GETTER.getEach(m, NAMES, each);
    String[] one = new String[NAMES.size()];
    for (int i = 0; i < one.length; i++) {
      one[i] = MetadataCarrier.GETTER.get(m, NAMES.get(i));
    }
    assertThat(each).isEqualTo(one);
    assertThat(each)
        .containsExactly(TRACEPARENT, "a=1,b=2", null, null, null, null, null, null, "r1");
    Extracted e = Propagators.defaults().extract(m, MetadataCarrier.GETTER);
    assertThat(e.context().traceIdHex()).isEqualTo(TRACE);
    assertThat(e.traceState()).isEqualTo("a=1,b=2");
    assertThat(e.requestId()).isEqualTo("r1");
  }
}
