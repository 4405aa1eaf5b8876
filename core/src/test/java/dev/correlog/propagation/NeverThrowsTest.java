package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.correlog.context.TraceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Extraction never throws and injection never throws into the caller, whatever they are given. */
class NeverThrowsTest {
  static Stream<Propagator> propagators() {
    return Stream.of(
        Propagators.w3c(),
        Propagators.b3Single(),
        Propagators.b3Multi(),
        Propagators.requestId(),
        Propagators.defaults(),
        Propagators.noop());
  }

  @ParameterizedTest
  @MethodSource("propagators")
  void extract_getterThrowsRuntimeException_yieldsNoContext(Propagator p) {
    Getter<Object> getter =
        (c, k) -> {
          throw new IllegalStateException("boom");
        };
    assertThat(p.extract(new Object(), getter).context()).isNull();
    assertThat(Propagation.startServerSpan(new Object(), getter, p)).isNotNull();
  }

  @ParameterizedTest
  @MethodSource("propagators")
  void extract_getterThrowsError_yieldsNoContext(Propagator p) {
    Getter<Object> getter =
        (c, k) -> {
          throw new AssertionError("boom");
        };
    assertThat(p.extract(new Object(), getter).context()).isNull();
  }

  @ParameterizedTest
  @MethodSource("propagators")
  void extract_getterThrowsCheckedExceptionSneakily_yieldsNoContext(Propagator p) {
    Getter<Object> getter = (c, k) -> sneakyThrow(new java.io.IOException("boom"));
    assertThat(p.extract(new Object(), getter).context()).isNull();
  }

  @ParameterizedTest
  @MethodSource("propagators")
  void extract_nullCarrierOrNullGetter_yieldsNoContext(Propagator p) {
    assertThat(p.extract(null, Carriers.MAP_GETTER).context()).isNull();
    assertThat(p.extract(new HashMap<String, String>(), null).context()).isNull();
  }

  @ParameterizedTest
  @MethodSource("propagators")
  void extract_nullValues_yieldNoContext(Propagator p) {
    Map<String, String> m = new HashMap<>();
    for (String k : List.of("traceparent", "tracestate", "b3", "X-B3-TraceId", "x-request-id")) {
      m.put(k, null);
    }
    assertThat(p.extract(m, Carriers.MAP_GETTER).context()).isNull();
  }

  @Test
  void extract_getterReturningWrongTypeThroughRawTypes_yieldsNoContext() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Getter<Object> getter = (Getter) (Getter<Object>) (c, k) -> null;
    Map<Object, Object> raw = new HashMap<>();
    raw.put("traceparent", 42);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, String> polluted = (Map) raw;
    assertThat(Propagators.defaults().extract(polluted, Carriers.MAP_GETTER).context()).isNull();
    assertThat(Propagators.defaults().extract(new Object(), getter).context()).isNull();
  }

  @ParameterizedTest
  @MethodSource("propagators")
  void inject_setterThrows_doesNotThrow(Propagator p) {
    Setter<Object> setter =
        (c, k, v) -> {
          throw new UnsupportedOperationException("read-only");
        };
    assertThatCode(() -> p.inject(TraceContext.newRoot("r1"), new Object(), setter))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @MethodSource("propagators")
  void inject_nullContext_writesNothing(Propagator p) {
    Map<String, String> out = new HashMap<>();
    p.inject(null, out, Carriers.MAP_SETTER);
    assertThat(out).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("propagators")
  void inject_nullCarrier_doesNotThrow(Propagator p) {
    assertThatCode(() -> p.inject(TraceContext.newRoot("r1"), null, Carriers.MAP_SETTER))
        .doesNotThrowAnyException();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> String sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
