package dev.correlog.benchmarks.grpc;

import dev.correlog.Correlog;
import dev.correlog.Level;
import dev.correlog.benchmarks.event.DiscardingSink;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.grpc.CorrelogGrpc;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost the Correlog interceptors add to one unary call over the in-process transport (direct
 * executors, a blocking stub, a string echo): the same call without them, with them (both events
 * written to a discarding sink), and with them but the events below the loggers' level. The
 * caller's context is attached around the call in every variant.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class GrpcInterceptorBenchmark {
  static final MethodDescriptor.Marshaller<String> STRINGS =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
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
      };

  static final MethodDescriptor<String, String> ECHO =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("bench.Echo/Echo")
          .setRequestMarshaller(STRINGS)
          .setResponseMarshaller(STRINGS)
          .build();

  final DiscardingSink sink = new DiscardingSink();
  final Correlog correlog = Correlog.builder().service("bench").version("1").sink(sink).build();
  final Correlog quiet =
      Correlog.builder()
          .service("bench")
          .version("1")
          .sink(sink)
          .level("dev.correlog.grpc", Level.WARN)
          .build();
  final TraceContext caller = TraceContext.newRoot("req-bench").withSampled(true);

  Server plainServer;
  Server tracedServer;
  Server quietServer;
  ManagedChannel plain;
  ManagedChannel traced;
  ManagedChannel tracedQuiet;

  @Setup
  public void start() throws IOException {
    plainServer = server("plain", null);
    tracedServer = server("traced", CorrelogGrpc.create(correlog));
    quietServer = server("quiet", CorrelogGrpc.create(quiet));
    plain = InProcessChannelBuilder.forName("plain").directExecutor().build();
    traced =
        InProcessChannelBuilder.forName("traced")
            .directExecutor()
            .intercept(CorrelogGrpc.create(correlog).clientInterceptor())
            .build();
    tracedQuiet =
        InProcessChannelBuilder.forName("quiet")
            .directExecutor()
            .intercept(CorrelogGrpc.create(quiet).clientInterceptor())
            .build();
  }

  private static Server server(String name, CorrelogGrpc grpc) throws IOException {
    ServerServiceDefinition echo =
        ServerServiceDefinition.builder("bench.Echo")
            .addMethod(
                ECHO,
                ServerCalls.asyncUnaryCall(
                    (request, out) -> {
                      out.onNext(request);
                      out.onCompleted();
                    }))
            .build();
    return InProcessServerBuilder.forName(name)
        .directExecutor()
        .addService(
            grpc == null ? echo : ServerInterceptors.intercept(echo, grpc.serverInterceptor()))
        .build()
        .start();
  }

  @TearDown
  public void stop() throws InterruptedException {
    for (ManagedChannel c : new ManagedChannel[] {plain, traced, tracedQuiet}) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (Server s : new Server[] {plainServer, tracedServer, quietServer}) {
      s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    correlog.close();
    quiet.close();
  }

  private String call(ManagedChannel channel) {
    try (Scope s = caller.attach()) {
      return ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, "ping");
    }
  }

  @Benchmark
  public String unary_withoutInterceptors() {
    return call(plain);
  }

  @Benchmark
  public String unary_withInterceptors() {
    return call(traced);
  }

  @Benchmark
  public String unary_withInterceptors_eventsBelowLevel() {
    return call(tracedQuiet);
  }
}
