package dev.correlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code RecordHeaders.GETTER.getEach} (one pass over a record's headers for every name) on records
 * that went through a real broker: the same values as {@code get} name by name, for mixed case,
 * repeats, malformed UTF-8, oversized joins and stuffed records.
 */
class GetEachTest {
  static final List<String> NAMES =
      List.of(
          "traceparent",
          "tracestate",
          "b3",
          "X-B3-TraceId",
          "X-B3-SpanId",
          "X-B3-ParentSpanId",
          "X-B3-Sampled",
          "X-B3-Flags",
          "x-request-id");
  static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @RegisterExtension static final KafkaBroker broker = new KafkaBroker();

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static List<org.apache.kafka.common.header.internals.RecordHeaders> cases() {
    List<org.apache.kafka.common.header.internals.RecordHeaders> cases = new ArrayList<>();
    var mixed = new org.apache.kafka.common.header.internals.RecordHeaders();
    mixed.add("TraceParent", utf8(VALID));
    mixed.add("TRACESTATE", utf8("a=1"));
    mixed.add("tracestate", utf8("b=2"));
    mixed.add("X-Request-ID", utf8("caf\u00e9"));
    mixed.add("x-b3-sampled", utf8("1"));
    cases.add(mixed);
    var malformed = new org.apache.kafka.common.header.internals.RecordHeaders();
    malformed.add("b3", utf8("1"));
    malformed.add("B3", new byte[] {(byte) 0xc3, (byte) 0x28}); // spoils b3 as a whole
    malformed.add("b3", utf8("0"));
    malformed.add("X-B3-Flags", null);
    malformed.add("x-b3-traceid", new byte[RecordHeaders.MAX_VALUE_BYTES + 1]);
    cases.add(malformed);
    var longJoin = new org.apache.kafka.common.header.internals.RecordHeaders();
    for (int i = 0; i < 3; i++) {
      longJoin.add("tracestate", utf8("k" + i + "=" + "v".repeat(3_000)));
    }
    longJoin.add("x-request-id", utf8("r"));
    cases.add(longJoin);
    var stuffed = new org.apache.kafka.common.header.internals.RecordHeaders();
    stuffed.add("X-B3-TRACEID", utf8("80f198ee56343ba864fe8b2a57d3eff7"));
    for (int i = 0; i < RecordHeaders.MAX_SCANNED + 50; i++) {
      stuffed.add("junk-" + i, new byte[0]);
    }
    stuffed.add("x-b3-spanid", utf8("e457b5a2e4d86bd1")); // beyond the scan limit: absent
    cases.add(stuffed);
    cases.add(new org.apache.kafka.common.header.internals.RecordHeaders());
    return cases;
  }

  static String[] each(Headers h) {
    String[] v = new String[NAMES.size()];
    Arrays.fill(v, "stale");
    RecordHeaders.GETTER.getEach(h, NAMES, v);
    return v;
  }

  static String[] oneByOne(Headers h) {
    String[] v = new String[NAMES.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = RecordHeaders.GETTER.get(h, NAMES.get(i));
    }
    return v;
  }

  @Test
  void getEach_onConsumedRecords_agreesWithGetNameByName() throws Exception {
    List<org.apache.kafka.common.header.internals.RecordHeaders> cases = cases();
    broker.createTopic("get-each", 1);
    try (KafkaProducer<String, String> producer = broker.producer(Map.of())) {
      for (int i = 0; i < cases.size(); i++) {
        producer.send(new ProducerRecord<>("get-each", 0, "k" + i, "v", cases.get(i))).get();
      }
    }
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = broker.consumer(Map.of())) {
      KafkaBroker.consume(consumer, "get-each", cases.size(), rs -> rs.forEach(received::add));
    }
    assertThat(received).hasSize(cases.size());
    for (ConsumerRecord<String, String> r : received) {
      assertThat(each(r.headers())).as(r.key()).isEqualTo(oneByOne(r.headers()));
    }
    String[] mixed = each(received.get(0).headers());
    assertThat(mixed)
        .containsExactly(VALID, "a=1,b=2", null, null, null, null, "1", null, "caf\u00e9");
    assertThat(each(received.get(1).headers())).containsOnlyNulls();
    assertThat(each(received.get(2).headers()))
        .containsExactly(null, null, null, null, null, null, null, null, "r");
    String[] stuffed = each(received.get(3).headers());
    assertThat(stuffed[3]).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
    assertThat(stuffed[4]).isNull();
    assertThat(each(received.get(4).headers())).containsOnlyNulls();
    assertThat(each(null)).containsOnlyNulls();
  }
}
