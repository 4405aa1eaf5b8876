package dev.correlog.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Code that uses {@code io.grpc.Context} and code that uses {@code TraceContext} agree: a front
 * service hands work to a plain executor the gRPC way ({@code Context.current().wrap(..)}, {@code
 * Context.currentContextExecutor(..)}) and calls a back service from there.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcContextBridgeTest {
  private final Harness h = new Harness();
  private final ExecutorService pool = Harness.pool("bridge-exec", 2);
  private final ExecutorService plain = Harness.pool("plain", 1);
  private final String back = InProcessServerBuilder.generateName();
  private final String front = InProcessServerBuilder.generateName();
  private TestService backService;
  private Server backServer;
  private Server frontServer;
  private ManagedChannel toBack;
  private ManagedChannel toFront;
  private final AtomicReference<String> seen = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    CorrelogGrpc grpc = CorrelogGrpc.create(h.server);
    backService = new TestService(h.server);
    backServer =
        InProcessServerBuilder.forName(back)
            .executor(pool)
            .addService(backService.definition())
            .intercept(grpc.serverInterceptor())
            .build()
            .start();
    toBack =
        InProcessChannelBuilder.forName(back)
            .executor(pool)
            .intercept(grpc.clientInterceptor())
            .build();
    EventLogger log = h.server.logger("test.front");
    ServerServiceDefinition frontService =
        ServerServiceDefinition.builder(TestService.SERVICE)
            .addMethod(
                TestService.UNARY,
                ServerCalls.asyncUnaryCall(
                    (String how, StreamObserver<String> out) -> {
                      log.info("handler.front").emit();
                      seen.set(describe());
                      Runnable downstream =
                          () -> {
                            out.onNext(
                                ClientCalls.blockingUnaryCall(
                                    toBack, TestService.UNARY, CallOptions.DEFAULT, how));
                            out.onCompleted();
                          };
                      if (how.equals("wrap")) {
                        plain.execute(Context.current().wrap(downstream));
                      } else {
                        Context.currentContextExecutor(plain).execute(downstream);
                      }
                    }))
            .build();
    frontServer =
        InProcessServerBuilder.forName(front)
            .executor(pool)
            .addService(frontService)
            .intercept(grpc.serverInterceptor())
            .build()
            .start();
    toFront =
        InProcessChannelBuilder.forName(front)
            .executor(pool)
            .intercept(CorrelogGrpc.create(h.client).clientInterceptor())
            .build();
  }

  /** What the handler's thread has: Correlog's span, the bridged one, and the call's deadline. */
  private static String describe() {
    TraceContext correlog = TraceContext.current();
    TraceContext bridged = GrpcContextBridge.KEY.get();
    Deadline deadline = Context.current().getDeadline();
    return (correlog == bridged ? "same" : "differ")
        + (correlog == null ? " none" : " span")
        + (deadline == null ? " no-deadline" : " deadline");
  }

  @AfterEach
  void stop() throws Exception {
    try {
      Harness.assertThreadsClean(pool, 2);
      Harness.assertThreadsClean(plain, 1);
    } finally {
      toFront.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      toBack.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      frontServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      backServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      backService.shutdown();
      pool.shutdownNow();
      plain.shutdownNow();
      h.close();
    }
  }

  private void callThroughFront(String how) {
    TraceContext caller = TraceContext.newRoot("req-" + how).withSampled(true);
    try (Scope s = caller.attach()) {
      String reply =
          ClientCalls.blockingUnaryCall(
              toFront,
              TestService.UNARY,
              CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS),
              how);
      assertThat(reply).isEqualTo("resp:" + how);
    }
    assertThat(seen.get()).isEqualTo("same span deadline");

    JsonNode frontLine = Lines.one(h.serverSink, "handler.front");
    JsonNode backLine = Lines.one(h.serverSink, "handler.unary");
    assertThat(Lines.text(backLine, "trace_id")).isEqualTo(caller.traceIdHex());
    assertThat(Lines.text(backLine, "request_id")).isEqualTo("req-" + how);
    // back's caller is front's client span, whose parent is front's server span
    JsonNode clientSpan =
        Lines.matching(
                h.serverSink,
                n ->
                    "rpc.client.call".equals(Lines.text(n, "event"))
                        && Lines.text(n, "span_id").equals(Lines.text(backLine, "parent_span_id")))
            .get(0);
    assertThat(Lines.text(clientSpan, "parent_span_id"))
        .isEqualTo(Lines.text(frontLine, "span_id"));
  }

  @Test
  void contextWrap_carriesTheTraceToACallMadeOnAnotherThread() {
    callThroughFront("wrap");
  }

  @Test
  void currentContextExecutor_carriesTheTraceToACallMadeOnAnotherThread() {
    callThroughFront("executor");
  }
}
