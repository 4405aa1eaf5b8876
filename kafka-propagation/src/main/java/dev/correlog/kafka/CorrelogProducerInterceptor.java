package dev.correlog.kafka;

import dev.correlog.Correlog;
import dev.correlog.EventBuilder;
import dev.correlog.EventLogger;
import dev.correlog.Level;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Propagation;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes the current context into every record sent, with no code: register it with {@code
 * interceptor.classes}.
 *
 * <pre>{@code
 * props.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, CorrelogProducerInterceptor.class.getName());
 * props.put("correlog.instance", correlog); // optional: else Correlog.global()
 * }</pre>
 *
 * <p>At {@code send()}, on the caller's thread, each record gets a new span of its own, a child of
 * the current context (or, outside any request, a new trace whose head sampling decision the
 * instance makes), written as {@code traceparent}, {@code tracestate}, {@code b3} and {@code
 * x-request-id} headers in UTF-8; headers of those names already on the record are replaced. A
 * record whose headers cannot be changed is sent as it is, and the failure reported once on stderr.
 *
 * <p>Each record sent writes one {@code messaging.publish} event in its own span ({@code
 * messaging.system}, {@code messaging.destination.name}, {@code messaging.kafka.partition} when the
 * record names one), so the consumer's {@code parent_span_id} points at a line and the call tree
 * can be rebuilt from the logs alone; set {@value #PUBLISH_EVENT_CONFIG} to {@code false} to leave
 * it out.
 */
public final class CorrelogProducerInterceptor implements ProducerInterceptor<Object, Object> {
  /** Configuration key: whether a {@code messaging.publish} event is written per record. */
  public static final String PUBLISH_EVENT_CONFIG = "correlog.publish.event";

  private volatile Correlog correlog;
  private volatile EventLogger log; // the instance's logger, looked up once, at configure
  private volatile boolean publishEvent = true;

  /** Used by Kafka, which calls {@link #configure} next. */
  public CorrelogProducerInterceptor() {}

  /**
   * Registers {@code correlog} under {@code name}, for clients configured with {@code
   * correlog.instance=name} (a properties file can only hold strings).
   */
  public static void register(String name, Correlog correlog) {
    InstanceConfig.register(name, correlog);
  }

  /** Removes a registration made with {@link #register}. */
  public static void unregister(String name) {
    InstanceConfig.unregister(name);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    this.correlog = InstanceConfig.resolve(configs);
    this.log = correlog.logger(KafkaCorrelog.LOGGER);
    Object publish = configs == null ? null : configs.get(PUBLISH_EVENT_CONFIG);
    this.publishEvent = publish == null || !"false".equalsIgnoreCase(publish.toString().trim());
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    if (record == null) {
      return null;
    }
    Correlog c = correlog != null ? correlog : Correlog.global();
    TraceContext span;
    if (TraceContext.current() != null) {
      span = Propagation.startClientSpan(record.headers(), RecordHeaders.SETTER);
    } else {
      try (Scope root = c.decide(TraceContext.newRoot()).attach()) {
        span = Propagation.startClientSpan(record.headers(), RecordHeaders.SETTER);
      }
    }
    if (publishEvent) {
      EventLogger l = log != null ? log : c.logger(KafkaCorrelog.LOGGER);
      EventBuilder e = l.at(Level.INFO, "messaging.publish", span);
      if (e.isEnabled()) {
        e.field("messaging.system", "kafka")
            .field("messaging.operation", "publish")
            .field("messaging.destination.name", record.topic());
        if (record.partition() != null) {
          e.field("messaging.kafka.partition", record.partition().intValue());
        }
        e.emit();
      }
    }
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}
}
