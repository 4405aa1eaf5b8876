package dev.correlog.grpc;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.TraceContext;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC service of strings (no protobuf): one method per call shape. Handlers log {@code
 * handler.*} events; responses sent from the service's own threads (not context-wrapped) test that
 * {@code sendMessage} and {@code close} run in the call's span.
 */
final class TestService {
  static final String SERVICE = "correlog.test.Echo";

  static final MethodDescriptor.Marshaller<String> STRINGS = new Strings();

  static final MethodDescriptor<String, String> UNARY =
      method("Unary", MethodDescriptor.MethodType.UNARY);
  static final MethodDescriptor<String, String> SERVER_STREAM =
      method("ServerStream", MethodDescriptor.MethodType.SERVER_STREAMING);
  static final MethodDescriptor<String, String> CLIENT_STREAM =
      method("ClientStream", MethodDescriptor.MethodType.CLIENT_STREAMING);
  static final MethodDescriptor<String, String> BIDI =
      method("Bidi", MethodDescriptor.MethodType.BIDI_STREAMING);
  static final MethodDescriptor<String, String> HANG =
      method("Hang", MethodDescriptor.MethodType.UNARY);
  static final MethodDescriptor<String, String> THROW =
      method("Throw", MethodDescriptor.MethodType.UNARY);
  static final MethodDescriptor<String, String> MISSING =
      method("Missing", MethodDescriptor.MethodType.UNARY);
  static final MethodDescriptor<String, String> LATER =
      method("Later", MethodDescriptor.MethodType.UNARY);

  /** The context current when each response was serialized on the server, by response text. */
  static final Map<String, TraceContext> SERIALIZED_IN = new ConcurrentHashMap<>();

  private final EventLogger log;

  /** One thread, so a call's responses are sent in order (a StreamObserver is not thread-safe). */
  private final ScheduledExecutorService own =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "service-own"));

  TestService(Correlog server) {
    this.log = server.logger("test.handler");
  }

  private static MethodDescriptor<String, String> method(
      String name, MethodDescriptor.MethodType type) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(STRINGS)
        .setResponseMarshaller(STRINGS)
        .build();
  }

  ExecutorService ownThreads() {
    return own;
  }

  ServerServiceDefinition definition() {
    return ServerServiceDefinition.builder(SERVICE)
        .addMethod(UNARY, ServerCalls.asyncUnaryCall(this::unary))
        .addMethod(SERVER_STREAM, ServerCalls.asyncServerStreamingCall(this::serverStream))
        .addMethod(CLIENT_STREAM, ServerCalls.asyncClientStreamingCall(this::clientStream))
        .addMethod(BIDI, ServerCalls.asyncBidiStreamingCall(this::bidi))
        .addMethod(HANG, ServerCalls.asyncUnaryCall(this::hang))
        .addMethod(THROW, ServerCalls.asyncUnaryCall(this::fail))
        .addMethod(LATER, ServerCalls.asyncUnaryCall(this::later))
        .addMethod(MISSING, ServerCalls.asyncUnaryCall(this::missing))
        .build();
  }

  private void unary(String request, StreamObserver<String> out) {
    log.info("handler.unary").field("request", request).emit();
    out.onNext("resp:" + request);
    out.onCompleted();
  }

  /** Three responses, sent from the service's own thread. */
  private void serverStream(String request, StreamObserver<String> out) {
    log.info("handler.server_stream").field("request", request).emit();
    own.execute(
        () -> {
          for (int i = 0; i < 3; i++) {
            out.onNext("resp:" + request + "#" + i);
          }
          out.onCompleted();
        });
  }

  private StreamObserver<String> clientStream(StreamObserver<String> out) {
    log.info("handler.client_stream").emit();
    StringBuilder all = new StringBuilder();
    return new StreamObserver<>() {
      @Override
      public void onNext(String value) {
        log.info("handler.received").field("request", value).emit();
        all.append(value);
      }

      @Override
      public void onError(Throwable t) {
        log.warn("handler.error").error(t).emit();
      }

      @Override
      public void onCompleted() {
        log.info("handler.completed").emit();
        out.onNext("resp:" + all);
        out.onCompleted();
      }
    };
  }

  private StreamObserver<String> bidi(StreamObserver<String> out) {
    log.info("handler.bidi").emit();
    return new StreamObserver<>() {
      @Override
      public void onNext(String value) {
        log.info("handler.received").field("request", value).emit();
        own.execute(() -> out.onNext("resp:" + value));
      }

      @Override
      public void onError(Throwable t) {
        log.warn("handler.error").error(t).emit();
      }

      @Override
      public void onCompleted() {
        log.info("handler.completed").emit();
        own.execute(out::onCompleted);
      }
    };
  }

  /** Never answers; logs when the client cancels. */
  private void hang(String request, StreamObserver<String> out) {
    ((ServerCallStreamObserver<String>) out)
        .setOnCancelHandler(() -> log.info("handler.cancelled").field("request", request).emit());
    log.info("handler.hang").field("request", request).emit();
  }

  private void fail(String request, StreamObserver<String> out) {
    log.info("handler.throw").field("request", request).emit();
    throw new IllegalStateException("boom: " + request);
  }

  private void missing(String request, StreamObserver<String> out) {
    log.info("handler.missing").field("request", request).emit();
    out.onError(Status.NOT_FOUND.withDescription("no order " + request).asRuntimeException());
  }

  /** Answers after up to 3 ms, from the service's own thread. */
  private void later(String request, StreamObserver<String> out) {
    log.info("handler.later").field("request", request).emit();
    own.schedule(
        () -> {
          out.onNext("resp:" + request);
          out.onCompleted();
        },
        Math.abs(request.hashCode() % 4),
        TimeUnit.MILLISECONDS);
  }

  void shutdown() throws InterruptedException {
    own.shutdownNow();
    own.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** UTF-8 strings; records the context of every response it serializes. */
  private static final class Strings implements MethodDescriptor.Marshaller<String> {
    @Override
    public InputStream stream(String value) {
      if (value.startsWith("resp:")) {
        TraceContext current = TraceContext.current();
        if (current != null) {
          SERIALIZED_IN.put(value, current);
        }
      }
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
