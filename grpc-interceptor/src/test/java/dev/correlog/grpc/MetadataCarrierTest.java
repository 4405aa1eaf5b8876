package dev.correlog.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Propagators;
import dev.correlog.propagation.Setter;
import dev.correlog.testing.CarrierContract;
import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gRPC metadata passes the carrier contract every carrier passes, and handles what gRPC adds. */
class MetadataCarrierTest extends CarrierContract<Metadata> {
  private static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  protected Metadata newCarrier() {
    return new Metadata();
  }

  @Override
  protected Getter<Metadata> getter() {
    return MetadataCarrier.GETTER;
  }

  @Override
  protected Setter<Metadata> setter() {
    return MetadataCarrier.SETTER;
  }

  @Override
  protected void put(Metadata carrier, String key, String value) {
    carrier.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
  }

  @Test
  void sentTwice_isJoinedByComma_soATraceparentSentTwiceIsInvalid() {
    Metadata m = new Metadata();
    m.put(TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    m.put(TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(MetadataCarrier.GETTER.get(m, "traceparent"))
        .isEqualTo(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01,"
                + "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(Propagators.defaults().extract(m, MetadataCarrier.GETTER).context()).isNull();
  }

  @Test
  void getAll_andKeys_listWhatWasSent() {
    Metadata m = new Metadata();
    m.put(TRACEPARENT, "one");
    m.put(TRACEPARENT, "two");
    m.put(Metadata.Key.of("grpc-trace-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] {1});
    assertThat(MetadataCarrier.GETTER.getAll(m, "TraceParent")).containsExactly("one", "two");
    assertThat(MetadataCarrier.GETTER.getAll(m, "grpc-trace-bin")).isEmpty();
    assertThat(MetadataCarrier.GETTER.getAll(m, "b3")).isEmpty();
    assertThat(MetadataCarrier.GETTER.keys(m))
        .containsExactlyInAnyOrder("traceparent", "grpc-trace-bin");
  }

  @Test
  void set_removesEveryPreviousValue() {
    Metadata m = new Metadata();
    m.put(TRACEPARENT, "one");
    m.put(TRACEPARENT, "two");
    MetadataCarrier.SETTER.set(m, "traceparent", "three");
    List<String> all = new ArrayList<>();
    m.getAll(TRACEPARENT).forEach(all::add);
    assertThat(all).containsExactly("three");
  }

  @Test
  void binaryHeaders_areNeverRead() {
    Metadata m = new Metadata();
    Metadata.Key<byte[]> bin = Metadata.Key.of("traceparent-bin", Metadata.BINARY_BYTE_MARSHALLER);
    m.put(
        bin,
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
            .getBytes(StandardCharsets.US_ASCII));
    assertThat(MetadataCarrier.GETTER.get(m, "traceparent-bin")).isNull();
    assertThat(MetadataCarrier.GETTER.get(m, "TRACEPARENT-BIN")).isNull();
    assertThat(MetadataCarrier.GETTER.get(m, "traceparent")).isNull();
  }

  @Test
  void namesGrpcCannotCarry_areAbsentOnReadAndRefusedOnWrite() {
    Metadata m = new Metadata();
    for (String name : new String[] {"", "bad name", "tr\u00e9ce", "x:y", "a-bin"}) {
      assertThat(MetadataCarrier.GETTER.get(m, name)).as(name).isNull();
      assertThatThrownBy(() -> MetadataCarrier.SETTER.set(m, name, "v"))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(m.keys()).isEmpty();
  }

  @Test
  void aPropagatorWritingANameGrpcCannotCarry_isReportedNotThrown() {
    Metadata m = new Metadata();
    dev.correlog.propagation.Propagator odd =
        Propagators.composite(List.of(Propagators.w3c()), List.of(new OddNamePropagator()));
    odd.inject(TraceContext.newRoot(), m, MetadataCarrier.SETTER);
    assertThat(m.keys()).isEmpty();
  }

  @Test
  void keys_areCachedUpToABound() {
    for (int i = 0; i < MetadataCarrier.MAX_CACHED_KEYS * 2; i++) {
      assertThat(MetadataCarrier.key("x-custom-" + i)).isNotNull();
    }
    assertThat(MetadataCarrier.key("traceparent")).isSameAs(MetadataCarrier.key("traceparent"));
  }

  /** Writes one header whose name gRPC refuses. */
  private static final class OddNamePropagator implements dev.correlog.propagation.Propagator {
    @Override
    public List<String> fields() {
      return List.of("odd name");
    }

    @Override
    public <C> dev.correlog.propagation.Extracted extract(C carrier, Getter<C> getter) {
      return dev.correlog.propagation.Extracted.empty();
    }

    @Override
    public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
      setter.set(carrier, "odd name", context.traceIdHex());
    }
  }
}
