package dev.correlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test broker listens on 127.0.0.1 only, never on the machine's other addresses. */
class LoopbackOnlyTest {
  @RegisterExtension static final KafkaBroker broker = new KafkaBroker();

  @Test
  void theBrokerIsReachableOnLoopbackOnly() throws Exception {
    String hostPort = broker.bootstrapServers().split(",")[0];
    int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      assertThat(s.isConnected()).isTrue();
    }
    Optional<InetAddress> external = externalAddress();
    if (external.isEmpty()) {
      return; // no other address on this machine: nothing else could reach the broker
    }
    assertThatThrownBy(
            () -> {
              try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(external.get(), port), 2000);
              }
            })
        .isInstanceOf(java.io.IOException.class);
  }

  private static Optional<InetAddress> externalAddress() throws Exception {
    for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!i.isUp() || i.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(i.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }
}
