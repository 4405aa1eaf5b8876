package dev.correlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.testing.CapturedEvent;
import dev.correlog.testing.CorrelogCapture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Records from producers that know nothing of Correlog, or send garbage: a new trace each. */
class MalformedHeadersTest {
  private static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @RegisterExtension static final KafkaBroker broker = new KafkaBroker();

  @RegisterExtension
  final CorrelogCapture capture = CorrelogCapture.local(b -> b.service("consumer").version("1"));

  @Test
  void recordsWithoutOrWithMalformedHeadersStartNewTraces_andNeverThrow() throws Exception {
    broker.createTopic("garbage", 1);
    List<RecordHeaders> cases =
        List.of(
            new RecordHeaders(),
            headers("traceparent", new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41}),
            headers("traceparent", ("00-" + "a".repeat(20_000)).getBytes(StandardCharsets.UTF_8)),
            headers("traceparent", VALID.getBytes(StandardCharsets.UTF_8), VALID.getBytes()),
            headers("traceparent", new byte[] {0, 1, 2, 3, 4, 5, 6, 7}),
            headers("traceparent", (byte[]) null),
            headers("b3", "garbage\u0000\n".getBytes(StandardCharsets.UTF_8)),
            headers("x-request-id", "bad\nid".getBytes(StandardCharsets.UTF_8)),
            headers("traceparent", VALID.getBytes(StandardCharsets.UTF_8)));
    try (KafkaProducer<String, String> plain = broker.producer(Map.of())) {
      for (int i = 0; i < cases.size(); i++) {
        plain.send(new ProducerRecord<>("garbage", 0, "k" + i, "v", cases.get(i))).get();
      }
    }
    KafkaCorrelog kafka = KafkaCorrelog.create(capture.correlog());
    try (KafkaConsumer<String, String> consumer =
        broker.consumer(
            Map.of(
                ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
                CorrelogConsumerInterceptor.class.getName(),
                "correlog.instance",
                capture.correlog()))) {
      KafkaBroker.consume(
          consumer,
          "garbage",
          cases.size(),
          records ->
              kafka.forEach(
                  records, r -> capture.logger("c").info("handled").field("key", r.key()).emit()));
    }
    List<CapturedEvent> handled =
        capture.events().stream().filter(e -> e.event().equals("handled")).toList();
    assertThat(handled).hasSize(cases.size());
    String validTrace = VALID.substring(3, 35);
    for (CapturedEvent e : handled) {
      assertThat(e.traceId()).matches("[0-9a-f]{32}");
      assertThat(e.requestId()).doesNotContain("\n");
      if (e.get("key").asText().equals("k" + (cases.size() - 1))) {
        assertThat(e.traceId()).isEqualTo(validTrace); // the control case continues
        assertThat(e.parentSpanId()).isEqualTo("b7ad6b7169203331");
      } else {
        assertThat(e.traceId()).as(e.raw()).isNotEqualTo(validTrace);
        assertThat(e.has("parent_span_id")).as(e.raw()).isFalse();
      }
    }
    List<CapturedEvent> polls =
        capture.events().stream().filter(e -> e.event().equals("messaging.poll")).toList();
    assertThat(polls).isNotEmpty();
    assertThat(polls.stream().mapToLong(e -> e.get("messaging.batch.message_count").asLong()).sum())
        .isEqualTo(cases.size());
    assertThat(polls.get(0).get("messaging.destination.names").asText()).isEqualTo("garbage");
  }

  private static RecordHeaders headers(String key, byte[]... values) {
    RecordHeaders h = new RecordHeaders();
    for (byte[] v : values) {
      h.add(key, v);
    }
    return h;
  }
}
