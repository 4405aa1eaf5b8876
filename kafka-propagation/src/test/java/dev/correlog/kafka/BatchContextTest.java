package dev.correlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.testing.CapturedEvent;
import dev.correlog.testing.CorrelogCapture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 1,000 records from 1,000 traces, consumed in poll() batches: each keeps its own context. */
class BatchContextTest {
  private static final int RECORDS = 1000;
  private static final String TOPIC = "batch";

  @RegisterExtension static final KafkaBroker broker = new KafkaBroker();

  @RegisterExtension
  final CorrelogCapture consumerSide =
      CorrelogCapture.local(b -> b.service("fulfillment").version("1"));

  /** Record key -> the trace id and request id it was produced in. */
  private static final Map<String, TraceContext> sent = new HashMap<>();

  @BeforeAll
  static void produce() throws Exception {
    broker.createTopic(TOPIC, 1);
    List<Future<RecordMetadata>> acks = new java.util.ArrayList<>();
    try (KafkaProducer<String, String> producer =
        broker.producer(
            Map.of(
                ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
                CorrelogProducerInterceptor.class.getName(),
                InstanceConfig.KEY,
                dev.correlog.Correlog.builder()
                    .service("gateway")
                    .version("1")
                    .sink(dev.correlog.sink.Sinks.discarding())
                    .build()))) {
      for (int i = 0; i < RECORDS; i++) {
        TraceContext request = TraceContext.newRoot("req-" + i).withSampled(true);
        sent.put("k" + i, request);
        try (Scope s = request.attach()) {
          acks.add(producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v")));
        }
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    }
  }

  @Test
  void forEach_eachRecordsLinesCarryItsOwnTrace() {
    KafkaCorrelog kafka = KafkaCorrelog.create(consumerSide.correlog());
    int[] batches = {0};
    try (KafkaConsumer<String, String> consumer = broker.consumer(Map.of())) {
      KafkaBroker.consume(
          consumer,
          TOPIC,
          RECORDS,
          records -> {
            batches[0]++;
            kafka.forEach(records, r -> handle(r));
          });
    }
    assertThat(batches[0]).isLessThan(RECORDS); // records did arrive in batches
    assertEveryRecordInItsOwnTrace();
  }

  @Test
  void open_eachRecordsLinesCarryItsOwnTrace() {
    KafkaCorrelog kafka = KafkaCorrelog.create(consumerSide.correlog());
    try (KafkaConsumer<String, String> consumer = broker.consumer(Map.of())) {
      KafkaBroker.consume(
          consumer,
          TOPIC,
          RECORDS,
          records -> {
            for (ConsumerRecord<String, String> r : records) {
              try (Scope s = kafka.open(r)) {
                handle(r);
              }
            }
          });
    }
    assertEveryRecordInItsOwnTrace();
  }

  private void handle(ConsumerRecord<String, String> r) {
    consumerSide.logger("fulfillment").info("order.fulfilled").field("key", r.key()).emit();
  }

  private void assertEveryRecordInItsOwnTrace() {
    List<CapturedEvent> handled =
        consumerSide.events().stream().filter(e -> e.event().equals("order.fulfilled")).toList();
    assertThat(handled).hasSize(RECORDS);
    for (CapturedEvent e : handled) {
      TraceContext origin = sent.get(e.get("key").asText());
      assertThat(e.traceId()).as(e.raw()).isEqualTo(origin.traceIdHex());
      assertThat(e.requestId()).as(e.raw()).isEqualTo(origin.requestId());
    }
    assertThat(handled.stream().map(CapturedEvent::traceId).distinct()).hasSize(RECORDS);
    assertThat(TraceContext.current()).isNull();
  }
}
