package dev.correlog.demo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker in this JVM: KRaft combined mode (one broker, one controller) from Kafka's
 * test kit, listening on 127.0.0.1. It writes no Correlog lines of its own: in the call tree the
 * Kafka hop is inventory's {@code messaging.publish} span and fulfillment's {@code
 * messaging.process} span below it.
 */
final class Broker implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private Broker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  static Broker start() throws Exception {
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    PrintStream stdout = System.out;
    try {
      System.setOut(new PrintStream(OutputStream.nullOutputStream())); // format() talks there
      cluster.format();
      System.setOut(stdout);
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new Broker(cluster);
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    } finally {
      System.setOut(stdout);
    }
  }

  String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = cluster.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
