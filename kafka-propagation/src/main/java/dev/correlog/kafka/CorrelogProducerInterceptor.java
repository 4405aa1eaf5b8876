package dev.correlog.kafka;

import dev.correlog.Correlog;
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
 */
public final class CorrelogProducerInterceptor implements ProducerInterceptor<Object, Object> {
  private volatile Correlog correlog;

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
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    if (record == null) {
      return null;
    }
    if (TraceContext.current() != null) {
      Propagation.startClientSpan(record.headers(), RecordHeaders.SETTER);
      return record;
    }
    Correlog c = correlog != null ? correlog : Correlog.global();
    try (Scope root = c.decide(TraceContext.newRoot()).attach()) {
      Propagation.startClientSpan(record.headers(), RecordHeaders.SETTER);
    }
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}
}
