package dev.correlog.grpc;

import dev.correlog.Correlog;
import dev.correlog.Level;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;

/** The code of grpc-interceptor/README.md, compiled; {@link ReadmeTest} checks they agree. */
final class ReadmeSnippets {
  private ReadmeSnippets() {}

  static Object[] quickStart(BindableService payments) {
    // readme:begin
    Correlog correlog = Correlog.builder().service("payment-service").version("3.1.0").build();
    CorrelogGrpc grpc = CorrelogGrpc.create(correlog);

    Server server =
        ServerBuilder.forPort(9090)
            .addService(payments)
            .intercept(grpc.serverInterceptor())
            .build();
    ManagedChannel ledger =
        ManagedChannelBuilder.forTarget("ledger:9090")
            .usePlaintext()
            .intercept(grpc.clientInterceptor())
            .build();
    // readme:end
    return new Object[] {server, ledger};
  }

  static CorrelogGrpc options(Correlog correlog) {
    // readme:begin
    CorrelogGrpc grpc =
        CorrelogGrpc.newBuilder(correlog)
            .statusLevel(Status.Code.NOT_FOUND, Level.INFO) // an expected miss, not a warning
            .clientEvents(false) // only rpc.server.call
            .build();
    // readme:end
    return grpc;
  }
}
