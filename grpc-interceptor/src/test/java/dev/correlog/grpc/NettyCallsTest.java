package dev.correlog.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;

/** The call shapes over a real Netty server on 127.0.0.1, interceptor added by ServerBuilder. */
class NettyCallsTest extends CallShapesContract {
  @Override
  Server startServer(
      ServerServiceDefinition service, ServerInterceptor interceptor, ExecutorService executor)
      throws Exception {
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .executor(executor)
        .addService(service)
        .intercept(interceptor)
        .build()
        .start();
  }

  @Override
  ManagedChannel newChannel(
      Server server, ClientInterceptor interceptor, ExecutorService executor) {
    InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().get(0);
    return NettyChannelBuilder.forAddress("127.0.0.1", bound.getPort())
        .usePlaintext()
        .executor(executor)
        .intercept(interceptor)
        .build();
  }
}
