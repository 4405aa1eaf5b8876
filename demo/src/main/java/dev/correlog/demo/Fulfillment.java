package dev.correlog.demo;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.kafka.KafkaCorrelog;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The {@code fulfillment} service: a Kafka consumer of the {@code orders} topic, on a thread of its
 * own. Each record is handled inside its own trace context with {@link KafkaCorrelog#forEach}, so
 * its lines carry the trace id and request id of the HTTP request that caused it, however the
 * records of a poll are mixed.
 */
final class Fulfillment implements AutoCloseable {
  static final String TOPIC = "orders";
  static final String RESERVED = "reserved";
  static final String REJECTED = "rejected";

  private final Correlog correlog;
  private final EventLogger log;
  private final KafkaCorrelog kafka;
  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private final AtomicInteger processed = new AtomicInteger();
  private volatile boolean running = true;

  Fulfillment(Correlog correlog, String bootstrapServers) {
    this.correlog = correlog;
    this.log = correlog.logger("fulfillment.shipments");
    this.kafka = KafkaCorrelog.create(correlog);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "fulfillment");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "fulfillment");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(p);
    consumer.subscribe(List.of(TOPIC));
    this.thread = new Thread(this::run, "fulfillment-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Records handled so far. */
  int processed() {
    return processed.get();
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
        try {
          kafka.forEach(records, this::handle);
        } catch (RuntimeException e) {
          // Already written as the record's messaging.process event at ERROR; go on.
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<String, String> record) {
    String value = record.value() == null ? "" : record.value();
    int bar = value.indexOf('|');
    String status = bar < 0 ? "" : value.substring(0, bar);
    Order order = Order.decode(value.substring(bar + 1));
    if (REJECTED.equals(status)) {
      log.warn("order.cancelled")
          .field("sku", order.sku())
          .field("qty", order.qty())
          .message("stock could not be reserved; customer notified")
          .emit();
    } else {
      log.info("shipment.scheduled")
          .field("sku", order.sku())
          .field("qty", order.qty())
          .field("carrier", "postal")
          .message("shipment scheduled")
          .emit();
    }
    processed.incrementAndGet();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
    correlog.flush();
  }
}
