package dev.correlog.kafka;

import dev.correlog.EventBuilder;
import dev.correlog.EventLogger;
import dev.correlog.Level;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The {@code messaging.process} event of one record handled. */
final class ProcessEvent {
  static final String EVENT = "messaging.process";

  private ProcessEvent() {}

  static void write(EventLogger log, ConsumerRecord<?, ?> record, long startNanos, Throwable t) {
    EventBuilder e = log.at(t == null ? Level.INFO : Level.ERROR, EVENT);
    if (!e.isEnabled()) {
      return;
    }
    e.field("messaging.system", "kafka")
        .field("messaging.operation", "process")
        .field("duration_ms", (System.nanoTime() - startNanos) / 1e6);
    if (record != null) {
      e.field("messaging.destination.name", record.topic())
          .field("messaging.kafka.partition", record.partition())
          .field("messaging.kafka.offset", record.offset());
    }
    if (t != null) {
      e.error(t).message("record handler failed");
    }
    e.emit();
  }
}
