package org.apache.kafka.common.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.server.ServerSocketFactory;

/**
 * Replaces the Kafka test kit's class of the same name (the demo's own classes come first in its
 * jar; a copy of kafka-propagation's test class, which its LoopbackOnlyTest checks): the kit's own
 * binds every pre-allocated listener socket on all interfaces, and the kit has no setting to change
 * it. This one binds them on the loopback address only, so the test broker listens on 127.0.0.1
 * like everything else here. Otherwise the same contract: a socket is bound per node and listener
 * when the kit asks for a port, handed to the server (a restarted server whose socket was closed
 * binds the same port on loopback again), and closed with the manager if the server never took it.
 */
public class PreboundSocketFactoryManager implements AutoCloseable {
  private boolean closed;
  private final Map<Integer, ServerSocketFactory> factories = new HashMap<>();
  private final Map<Integer, Map<String, ServerSocketChannel>> sockets = new HashMap<>();
  private final Map<Integer, Set<String>> used = new HashMap<>();

  public PreboundSocketFactoryManager() {}

  /** The socket bound for {@code listener} of node {@code nodeId} (marked used), or null. */
  public synchronized ServerSocketChannel getSocketForListenerAndMarkAsUsed(
      int nodeId, String listener) {
    Map<String, ServerSocketChannel> bound = sockets.get(nodeId);
    ServerSocketChannel channel = bound == null ? null : bound.get(listener);
    if (channel != null) {
      used.computeIfAbsent(nodeId, k -> new HashSet<>()).add(listener);
    }
    return channel;
  }

  public synchronized ServerSocketFactory getOrCreateSocketFactory(int nodeId) {
    return factories.computeIfAbsent(nodeId, LoopbackFactory::new);
  }

  /** Binds a socket on the loopback address for {@code listener} of node {@code nodeId}. */
  public synchronized int getOrCreatePortForListener(int nodeId, String listener)
      throws IOException {
    Map<String, ServerSocketChannel> bound = sockets.computeIfAbsent(nodeId, k -> new HashMap<>());
    ServerSocketChannel channel = bound.get(listener);
    if (channel == null) {
      if (closed) {
        throw new RuntimeException("Cannot open new socket: manager is closed.");
      }
      channel =
          ServerSocketFactory.INSTANCE.openServerSocket(
              listener, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), -1, -1);
      bound.put(listener, channel);
    }
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  @Override
  public synchronized void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    for (Map.Entry<Integer, Map<String, ServerSocketChannel>> node : sockets.entrySet()) {
      Set<String> taken = used.getOrDefault(node.getKey(), Set.of());
      for (Map.Entry<String, ServerSocketChannel> s : node.getValue().entrySet()) {
        if (!taken.contains(s.getKey())) {
          s.getValue().close();
        }
      }
    }
  }

  /** Hands the pre-bound socket to the server; a restarted server binds loopback again. */
  private final class LoopbackFactory implements ServerSocketFactory {
    private final int nodeId;

    LoopbackFactory(int nodeId) {
      this.nodeId = nodeId;
    }

    @Override
    public ServerSocketChannel openServerSocket(
        String listenerName, InetSocketAddress address, int backlog, int recvBufferSize)
        throws IOException {
      ServerSocketChannel prebound = getSocketForListenerAndMarkAsUsed(nodeId, listenerName);
      if (prebound == null) {
        return ServerSocketFactory.INSTANCE.openServerSocket(
            listenerName, address, backlog, recvBufferSize);
      }
      if (prebound.isOpen()) {
        return prebound;
      }
      InetSocketAddress again =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), prebound.socket().getLocalPort());
      return ServerSocketFactory.INSTANCE.openServerSocket(
          listenerName, again, backlog, recvBufferSize);
    }
  }
}
