package dev.correlog.kafka;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Propagation;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The consuming side: each record's own context, current while it is handled, even when {@code
 * poll()} returned a batch of records from many traces.
 *
 * <pre>{@code
 * KafkaCorrelog kafka = KafkaCorrelog.create(correlog);
 * ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
 * kafka.forEach(records, record -> {
 *   log.info("order.shipped").field("order_id", record.key()).emit(); // the producer's trace
 * });
 * // or, record by record:
 * for (ConsumerRecord<String, String> record : records) {
 *   try (Scope scope = kafka.open(record)) {
 *     handle(record);
 *   }
 * }
 * }</pre>
 *
 * <p>A record's context is a new span whose parent is the producer's span for that record, with the
 * producer's trace id and request id; a record without headers, or with malformed ones (invalid
 * UTF-8, oversized, repeated, binary), starts a new trace. Nothing here throws into the handler's
 * caller except the handler's own exception, rethrown unchanged.
 *
 * <p>Each record handled writes one {@code messaging.process} event in its context: {@code
 * messaging.system}, {@code messaging.destination.name} (the topic), {@code
 * messaging.kafka.partition}, {@code messaging.kafka.offset}, {@code duration_ms}, and the error
 * (at ERROR) when the handler threw.
 */
public final class KafkaCorrelog {
  static final String LOGGER = "dev.correlog.kafka";

  private final Correlog correlog;
  private final EventLogger log;

  private KafkaCorrelog(Correlog correlog) {
    this.correlog = correlog;
    this.log = correlog.logger(LOGGER);
  }

  /** Consuming-side helpers that log through {@code correlog}. */
  public static KafkaCorrelog create(Correlog correlog) {
    return new KafkaCorrelog(Objects.requireNonNull(correlog, "correlog"));
  }

  /** The same, with the process-wide instance ({@link Correlog#global()}). */
  public static KafkaCorrelog global() {
    return new KafkaCorrelog(Correlog.global());
  }

  /** A handler of one record; it may throw, and what it throws is rethrown unchanged. */
  @FunctionalInterface
  public interface RecordHandler<K, V, E extends Exception> {
    void handle(ConsumerRecord<K, V> record) throws E;
  }

  /**
   * The context {@code record} carries: a new span, child of the producer's span, with the head
   * sampling decision made. Not made current; see {@link #open}.
   */
  public TraceContext contextOf(ConsumerRecord<?, ?> record) {
    TraceContext span =
        Propagation.startServerSpan(record == null ? null : record.headers(), RecordHeaders.GETTER);
    return correlog.decide(span);
  }

  /**
   * Makes {@code record}'s own context current until the returned scope is closed; closing it
   * writes the record's {@code messaging.process} event and restores the thread exactly.
   */
  public Scope open(ConsumerRecord<?, ?> record) {
    TraceContext context = contextOf(record);
    Scope scope = context.attach();
    long start = System.nanoTime();
    return new Scope() {
      private boolean closed;

      @Override
      public void close() {
        if (closed) {
          return;
        }
        closed = true;
        try {
          ProcessEvent.write(log, record, start, null);
        } finally {
          scope.close();
        }
      }
    };
  }

  /**
   * Runs {@code handler} for each record of {@code records} in turn, each inside its own record's
   * context, and writes a {@code messaging.process} event per record. When the handler throws, the
   * event records the error and the exception is rethrown unchanged; later records are not handled.
   */
  public <K, V, E extends Exception> void forEach(
      Iterable<ConsumerRecord<K, V>> records, RecordHandler<K, V, E> handler) throws E {
    Objects.requireNonNull(handler, "handler");
    if (records == null) {
      return;
    }
    for (ConsumerRecord<K, V> record : records) {
      handle(record, handler);
    }
  }

  /** Runs {@code handler} for one record inside its context; see {@link #forEach}. */
  public <K, V, E extends Exception> void handle(
      ConsumerRecord<K, V> record, RecordHandler<K, V, E> handler) throws E {
    TraceContext context = contextOf(record);
    try (Scope scope = context.attach()) {
      long start = System.nanoTime();
      try {
        handler.handle(record);
      } catch (Throwable t) {
        ProcessEvent.write(log, record, start, t);
        throw t;
      }
      ProcessEvent.write(log, record, start, null);
    }
  }
}
