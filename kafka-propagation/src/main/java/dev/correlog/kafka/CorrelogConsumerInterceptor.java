package dev.correlog.kafka;

import dev.correlog.EventBuilder;
import dev.correlog.EventLogger;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Optional: one {@code messaging.poll} event per non-empty {@code poll()}, with the batch's size
 * ({@code messaging.batch.message_count}) and topics ({@code messaging.destination.names}, comma
 * separated, sorted). Register it with {@code interceptor.classes}; the instance is chosen as for
 * {@link CorrelogProducerInterceptor}. A poll serves records of many traces, so the event has a
 * context of its own; per-record context comes from {@link KafkaCorrelog}.
 */
public final class CorrelogConsumerInterceptor implements ConsumerInterceptor<Object, Object> {
  static final String EVENT = "messaging.poll";

  private volatile EventLogger log;

  /** Used by Kafka, which calls {@link #configure} next. */
  public CorrelogConsumerInterceptor() {}

  @Override
  public void configure(Map<String, ?> configs) {
    this.log = InstanceConfig.resolve(configs).logger(KafkaCorrelog.LOGGER);
  }

  @Override
  public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
    EventLogger l = log;
    if (l == null || records == null || records.isEmpty()) {
      return records;
    }
    EventBuilder e = l.info(EVENT);
    if (e.isEnabled()) {
      TreeSet<String> topics = new TreeSet<>();
      for (TopicPartition p : records.partitions()) {
        topics.add(p.topic());
      }
      e.field("messaging.system", "kafka")
          .field("messaging.operation", "poll")
          .field("messaging.batch.message_count", records.count())
          .field("messaging.destination.names", String.join(",", topics))
          .emit();
    }
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}
}
