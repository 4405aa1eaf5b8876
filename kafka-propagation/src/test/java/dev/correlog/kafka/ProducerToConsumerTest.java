package dev.correlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.testing.CapturedEvent;
import dev.correlog.testing.CorrelogCapture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A producer in one service (instance A) and a consumer in another (instance B). */
class ProducerToConsumerTest {
  @RegisterExtension static final KafkaBroker broker = new KafkaBroker();

  @RegisterExtension
  final CorrelogCapture orders = CorrelogCapture.local(b -> b.service("orders").version("1"));

  @RegisterExtension
  final CorrelogCapture shipping = CorrelogCapture.local(b -> b.service("shipping").version("2"));

  private KafkaProducer<String, String> producer() {
    return broker.producer(
        Map.of(
            ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
            CorrelogProducerInterceptor.class.getName(),
            InstanceConfig.KEY,
            orders.correlog()));
  }

  @Test
  void consumerLinesCarryTheProducersTraceAndRequestId_withTheRecordsSpanAsParent()
      throws Exception {
    broker.createTopic("orders-placed", 1);
    TraceContext request = orders.correlog().decide(TraceContext.newRoot("req-42"));
    List<String> sentSpans = new ArrayList<>();
    try (KafkaProducer<String, String> producer = producer();
        Scope scope = request.attach()) {
      for (int i = 0; i < 2; i++) {
        ProducerRecord<String, String> record = new ProducerRecord<>("orders-placed", "o" + i, "x");
        producer.send(record).get();
        sentSpans.add(spanOf(record));
      }
      orders.logger("orders").info("order.placed").emit();
    }
    assertThat(sentSpans).doesNotHaveDuplicates().doesNotContain(request.spanIdHex());
    List<CapturedEvent> published =
        orders.events().stream().filter(e -> e.event().equals("messaging.publish")).toList();
    assertThat(published).extracting(CapturedEvent::spanId).containsExactlyElementsOf(sentSpans);
    assertThat(published)
        .allSatisfy(
            e -> {
              assertThat(e.parentSpanId()).isEqualTo(request.spanIdHex());
              assertThat(e.get("messaging.destination.name").asText()).isEqualTo("orders-placed");
            });

    KafkaCorrelog kafka = KafkaCorrelog.create(shipping.correlog());
    List<String> parents = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = broker.consumer(Map.of())) {
      KafkaBroker.consume(
          consumer,
          "orders-placed",
          2,
          records ->
              kafka.forEach(
                  records,
                  r -> {
                    shipping.logger("shipping").info("order.shipped").field("key", r.key()).emit();
                    parents.add(TraceContext.current().parentSpanIdHex());
                  }));
    }

    List<CapturedEvent> shipped = shipping.events();
    assertThat(shipped).filteredOn(e -> e.event().equals("order.shipped")).hasSize(2);
    for (CapturedEvent e : shipped) {
      assertThat(e.traceId()).isEqualTo(request.traceIdHex());
      assertThat(e.requestId()).isEqualTo("req-42");
      assertThat(e.get("service").asText()).isEqualTo("shipping");
    }
    assertThat(parents).containsExactlyElementsOf(sentSpans);
    List<CapturedEvent> process =
        shipped.stream().filter(e -> e.event().equals("messaging.process")).toList();
    assertThat(process).hasSize(2);
    assertThat(process.get(0).parentSpanId()).isEqualTo(sentSpans.get(0));
    assertThat(process.get(0).get("messaging.destination.name").asText())
        .isEqualTo("orders-placed");
    assertThat(process.get(0).get("messaging.kafka.offset").asLong()).isZero();
    assertThat(process.get(1).get("messaging.kafka.offset").asLong()).isEqualTo(1);
    assertThat(process.get(0).get("duration_ms").isNumber()).isTrue();
    assertThat(TraceContext.current()).isNull();
  }

  @Test
  void openMakesTheRecordsContextCurrentAndRestoresTheThread() throws Exception {
    broker.createTopic("open-topic", 1);
    TraceContext request = orders.correlog().decide(TraceContext.newRoot("req-open"));
    try (KafkaProducer<String, String> producer = producer();
        Scope scope = request.attach()) {
      producer.send(new ProducerRecord<>("open-topic", "k", "v")).get();
    }
    KafkaCorrelog kafka = KafkaCorrelog.create(shipping.correlog());
    TraceContext outer = TraceContext.newRoot("outer");
    try (KafkaConsumer<String, String> consumer = broker.consumer(Map.of());
        Scope o = outer.attach()) {
      KafkaBroker.consume(
          consumer,
          "open-topic",
          1,
          records -> {
            for (ConsumerRecord<String, String> r : records) {
              try (Scope s = kafka.open(r)) {
                shipping.logger("shipping").info("order.shipped").emit();
              }
              assertThat(TraceContext.current()).isSameAs(outer);
            }
          });
    }
    CapturedEvent shipped = shipping.events().get(0);
    assertThat(shipped.traceId()).isEqualTo(request.traceIdHex());
    assertThat(shipped.requestId()).isEqualTo("req-open");
    assertThat(shipping.events()).extracting(CapturedEvent::event).contains("messaging.process");
  }

  @Test
  void handlerExceptionIsRecordedAndRethrownUnchanged() throws Exception {
    broker.createTopic("failing-topic", 1);
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>("failing-topic", "k", "v")).get();
    }
    KafkaCorrelog kafka = KafkaCorrelog.create(shipping.correlog());
    IllegalStateException boom = new IllegalStateException("boom");
    List<Throwable> thrown = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = broker.consumer(Map.of())) {
      KafkaBroker.consume(
          consumer,
          "failing-topic",
          1,
          records ->
              assertThatThrownBy(
                      () ->
                          kafka.forEach(
                              records,
                              r -> {
                                throw boom;
                              }))
                  .satisfies(thrown::add));
    }
    assertThat(thrown).containsExactly(boom);
    CapturedEvent process = shipping.events().get(0);
    assertThat(process.event()).isEqualTo("messaging.process");
    assertThat(process.level()).isEqualTo("ERROR");
    assertThat(process.get("error").get("type").asText())
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(TraceContext.current()).isNull();
  }

  @Test
  void aRecordSentOutsideAnyRequestStartsATraceTheConsumerContinues() throws Exception {
    broker.createTopic("no-request", 1);
    ProducerRecord<String, String> record = new ProducerRecord<>("no-request", "k", "v");
    record.headers().add("traceparent", "stale".getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(record).get();
    }
    assertThat(record.headers().headers("traceparent")).hasSize(1); // replaced, not added
    String sent = new String(record.headers().lastHeader("traceparent").value(), UTF8);
    assertThat(sent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
    KafkaCorrelog kafka = KafkaCorrelog.create(shipping.correlog());
    try (KafkaConsumer<String, String> consumer = broker.consumer(Map.of())) {
      KafkaBroker.consume(consumer, "no-request", 1, records -> kafka.forEach(records, r -> {}));
    }
    assertThat(shipping.events().get(0).traceId()).isEqualTo(sent.substring(3, 35));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static String spanOf(ProducerRecord<String, String> record) {
    String tp = new String(record.headers().lastHeader("traceparent").value(), UTF8);
    return tp.substring(36, 52);
  }
}
