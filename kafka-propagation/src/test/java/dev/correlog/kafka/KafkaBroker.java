package dev.correlog.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker in the test JVM, KRaft combined mode (one broker, one controller): register
 * it as a {@code static} extension. The first test class that needs it starts it; it is shared by
 * the test classes of the run (each uses its own topics) and closed when the run ends.
 */
final class KafkaBroker implements BeforeAllCallback {
  private KafkaClusterTestKit cluster;

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class)
            .cluster;
  }

  /** The cluster, closed by JUnit at the end of the run. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    final KafkaClusterTestKit cluster;

    private Running(KafkaClusterTestKit cluster) {
      this.cluster = cluster;
    }

    static Running start() {
      try {
        return new Running(startCluster());
      } catch (Exception e) {
        throw new IllegalStateException("the Kafka test broker did not start", e);
      }
    }

    @Override
    public void close() throws Exception {
      cluster.close();
    }
  }

  private static KafkaClusterTestKit startCluster() throws Exception {
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
            .setConfigProp("log.flush.interval.messages", "1000000")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return cluster;
  }

  String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = cluster.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }

  KafkaProducer<String, String> producer(Map<String, Object> extra) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.putAll(extra);
    return new KafkaProducer<>(p);
  }

  KafkaConsumer<String, String> consumer(Map<String, Object> extra) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    p.putAll(extra);
    return new KafkaConsumer<>(p);
  }

  /**
   * Reads {@code count} records of {@code topic} from the beginning (partition 0, no group),
   * handing each poll's batch to {@code batch}; fails after 30 s.
   */
  static void consume(
      KafkaConsumer<String, String> consumer,
      String topic,
      int count,
      Consumer<ConsumerRecords<String, String>> batch) {
    TopicPartition tp = new TopicPartition(topic, 0);
    consumer.assign(List.of(tp));
    consumer.seekToBeginning(List.of(tp));
    List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (seen.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + seen.size() + " of " + count + " records arrived");
      }
      ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
      if (!records.isEmpty()) {
        records.forEach(seen::add);
        batch.accept(records);
      }
    }
  }
}
