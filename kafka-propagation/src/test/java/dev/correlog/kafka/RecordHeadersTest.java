package dev.correlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.Correlog;
import dev.correlog.sink.Sinks;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The record-headers carrier and the instance configuration, without a broker. */
class RecordHeadersTest {
  private static final byte[] UTF8_VALUE = "caf\u00e9".getBytes(StandardCharsets.UTF_8);

  @Test
  void get_isCaseInsensitive_andDecodesUtf8() {
    RecordHeaders h = new RecordHeaders();
    h.add("X-B3-TraceId", UTF8_VALUE);
    assertThat(dev.correlog.kafka.RecordHeaders.GETTER.get(h, "x-b3-traceid")).isEqualTo("café");
    assertThat(dev.correlog.kafka.RecordHeaders.GETTER.get(h, "b3")).isNull();
    assertThat(dev.correlog.kafka.RecordHeaders.GETTER.get(null, "b3")).isNull();
  }

  @Test
  void get_repeatedHeaderIsJoined_soATraceparentSentTwiceIsInvalid() {
    RecordHeaders h = new RecordHeaders();
    h.add("traceparent", "a".getBytes(StandardCharsets.UTF_8));
    h.add("traceparent", "b".getBytes(StandardCharsets.UTF_8));
    assertThat(dev.correlog.kafka.RecordHeaders.GETTER.get(h, "traceparent")).isEqualTo("a,b");
  }

  @Test
  void get_invalidUtf8_oversized_orNull_isAbsent() {
    RecordHeaders h = new RecordHeaders();
    h.add("a", new byte[] {(byte) 0xc3, (byte) 0x28});
    h.add("b", new byte[dev.correlog.kafka.RecordHeaders.MAX_VALUE_BYTES + 1]);
    h.add("c", null);
    assertThat(dev.correlog.kafka.RecordHeaders.GETTER.get(h, "a")).isNull();
    assertThat(dev.correlog.kafka.RecordHeaders.GETTER.get(h, "b")).isNull();
    assertThat(dev.correlog.kafka.RecordHeaders.GETTER.get(h, "c")).isNull();
  }

  /** The ASCII fast path of decode gives what the strict UTF-8 decoder gives, or null as it. */
  @Test
  void decode_agreesWithTheStrictDecoder_onAsciiMixedAndInvalidBytes() {
    java.util.Random random = new java.util.Random(15);
    for (int round = 0; round < 20_000; round++) {
      byte[] value = new byte[random.nextInt(12)];
      for (int i = 0; i < value.length; i++) {
        int kind = random.nextInt(8);
        value[i] = (byte) (kind == 0 ? 0x80 + random.nextInt(128) : random.nextInt(128));
      }
      String strict;
      try {
        strict =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(value))
                .toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        strict = null;
      }
      assertThat(dev.correlog.kafka.RecordHeaders.decode(value))
          .as("%s", java.util.Arrays.toString(value))
          .isEqualTo(strict);
    }
    assertThat(dev.correlog.kafka.RecordHeaders.decode(UTF8_VALUE)).isEqualTo("caf\u00e9");
    assertThat(dev.correlog.kafka.RecordHeaders.decode(new byte[] {0, 'a', 0x7f}))
        .isEqualTo("\u0000a\u007f");
  }

  @Test
  void get_headerStuffing_isBoundedByTheScanLimit() {
    RecordHeaders h = new RecordHeaders();
    for (int i = 0; i < 10_000; i++) {
      h.add("junk-" + i, new byte[0]);
    }
    h.add("traceparent", UTF8_VALUE);
    assertThat(dev.correlog.kafka.RecordHeaders.GETTER.get(h, "traceparent")).isNull();
  }

  @Test
  void set_replacesEveryPreviousValue() {
    RecordHeaders h = new RecordHeaders();
    h.add("b3", "old".getBytes(StandardCharsets.UTF_8));
    h.add("b3", "older".getBytes(StandardCharsets.UTF_8));
    dev.correlog.kafka.RecordHeaders.SETTER.set(h, "b3", "new");
    assertThat(h.headers("b3")).hasSize(1);
    assertThat(new String(h.lastHeader("b3").value(), StandardCharsets.UTF_8)).isEqualTo("new");
  }

  @Test
  void instance_isGivenObject_orRegisteredName_orFailsAtConfigurationTime() {
    Correlog c = Correlog.builder().service("s").version("1").sink(Sinks.discarding()).build();
    assertThat(InstanceConfig.resolve(Map.of("correlog.instance", c))).isSameAs(c);
    CorrelogProducerInterceptor.register("orders", c);
    try {
      assertThat(InstanceConfig.resolve(Map.of("correlog.instance", "orders"))).isSameAs(c);
    } finally {
      CorrelogProducerInterceptor.unregister("orders");
    }
    assertThatThrownBy(() -> InstanceConfig.resolve(Map.of("correlog.instance", "orders")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no Correlog instance");
    assertThatThrownBy(() -> InstanceConfig.resolve(Map.of("correlog.instance", 42)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
