package dev.correlog.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.concurrent.ExecutorService;

/** The call shapes over the in-process transport, interceptor added by ServerInterceptors. */
class InProcessCallsTest extends CallShapesContract {
  private final String name = InProcessServerBuilder.generateName();

  @Override
  Server startServer(
      ServerServiceDefinition service, ServerInterceptor interceptor, ExecutorService executor)
      throws Exception {
    return InProcessServerBuilder.forName(name)
        .executor(executor)
        .addService(ServerInterceptors.intercept(service, interceptor))
        .build()
        .start();
  }

  @Override
  ManagedChannel newChannel(
      Server server, ClientInterceptor interceptor, ExecutorService executor) {
    return InProcessChannelBuilder.forName(name).executor(executor).intercept(interceptor).build();
  }
}
