package dev.correlog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Propagators;
import dev.correlog.propagation.SamplingDecision;
import dev.correlog.propagation.Setter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every carrier's {@link Getter} and {@link Setter} must do. Subclass it once per carrier type
 * in a test source tree; JUnit 5 runs the inherited tests.
 *
 * <pre>{@code
 * class KafkaHeadersCarrierTest extends CarrierContract<Headers> {
 *   protected Headers newCarrier() { return new RecordHeaders(); }
 *   protected Getter<Headers> getter() { return KafkaCarriers.GETTER; }
 *   protected Setter<Headers> setter() { return KafkaCarriers.SETTER; }
 *   protected void put(Headers c, String key, String value) { c.add(key, bytes(value)); }
 * }
 * }</pre>
 *
 * @param <C> the carrier type
 */
public abstract class CarrierContract<C> {
  /** A new, empty carrier. */
  protected abstract C newCarrier();

  protected abstract Getter<C> getter();

  protected abstract Setter<C> setter();

  /**
   * Adds a raw header as a peer would send it, bypassing the setter (so its name keeps its case).
   * The default uses the setter, which suits carriers that have no other way in.
   */
  protected void put(C carrier, String key, String value) {
    setter().set(carrier, key, value);
  }

  private String get(C carrier, String key) {
    return getter().get(carrier, key);
  }

  @Test
  void setThenGet_returnsTheValue() {
    C c = newCarrier();
    setter().set(c, "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(get(c, "traceparent"))
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  }

  @Test
  void get_ignoresTheCaseOfTheName() {
    C c = newCarrier();
    put(c, "X-Request-ID", "r1");
    assertThat(get(c, "x-request-id")).isEqualTo("r1");
    assertThat(get(c, "X-REQUEST-ID")).isEqualTo("r1");
    setter().set(c, "x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124");
    assertThat(get(c, "X-B3-TraceId")).isEqualTo("463ac35c9f6413ad48485a3953bb6124");
  }

  @Test
  void get_absentKey_isNull() {
    C c = newCarrier();
    assertThat(get(c, "traceparent")).isNull();
    put(c, "other", "x");
    assertThat(get(c, "traceparent")).isNull();
  }

  @Test
  void set_again_replacesTheValue() {
    C c = newCarrier();
    setter().set(c, "b3", "first");
    setter().set(c, "b3", "second");
    assertThat(get(c, "b3")).isEqualTo("second");
  }

  @Test
  void set_differentCase_replacesTheValue() {
    C c = newCarrier();
    put(c, "TraceParent", "stale");
    setter().set(c, "traceparent", "fresh");
    assertThat(get(c, "traceparent")).isEqualTo("fresh");
  }

  @Test
  void injectThenExtract_withDefaults_roundTrips() {
    TraceContext ctx = TraceContext.newRoot("req-1").withSampled(true).withTraceState("vendor=v1");
    C c = newCarrier();
    Propagators.defaults().inject(ctx, c, setter());
    assertThat(Propagators.defaults().extract(c, getter())).isEqualTo(Extracted.of(ctx));
  }

  @Test
  void injectThenExtract_undecided_staysDeferred() {
    TraceContext ctx = TraceContext.newRoot();
    C c = newCarrier();
    Propagators.defaults().inject(ctx, c, setter());
    Extracted back = Propagators.defaults().extract(c, getter());
    assertThat(back.sampling()).isEqualTo(SamplingDecision.DEFERRED);
    assertThat(back.context().spanId()).isEqualTo(ctx.spanId());
  }

  @Test
  void keys_listsWhatWasSet_orNothingWhenTheCarrierCannotList() {
    C c = newCarrier();
    put(c, "X-Request-ID", "r1");
    setter().set(c, "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    List<String> keys = new ArrayList<>();
    getter().keys(c).forEach(keys::add);
    if (!keys.isEmpty()) {
      assertThat(keys).anyMatch(k -> k.equalsIgnoreCase("x-request-id"));
      assertThat(keys).anyMatch(k -> k.equalsIgnoreCase("traceparent"));
    }
  }

  @Test
  void getAll_givesEveryValue_andEmptyWhenAbsent() {
    C c = newCarrier();
    put(c, "X-Request-ID", "r1");
    assertThat(getter().getAll(c, "x-request-id")).contains("r1");
    assertThat(getter().getAll(c, "traceparent")).isEmpty();
  }

  @Test
  void injectThenExtract_b3Multi_roundTrips() {
    TraceContext ctx = TraceContext.newRoot().withSampled(true);
    C c = newCarrier();
    Propagators.b3Multi().inject(ctx, c, setter());
    TraceContext back = Propagators.b3Multi().extract(c, getter()).context();
    assertThat(back.traceIdHex()).isEqualTo(ctx.traceIdHex());
    assertThat(back.spanId()).isEqualTo(ctx.spanId());
    assertThat(back.isSampled()).isTrue();
  }

  @Test
  void injectTwice_leavesOneValuePerHeader() {
    C c = newCarrier();
    Propagators.defaults().inject(TraceContext.newRoot("a"), c, setter());
    TraceContext second = TraceContext.newRoot("b");
    Propagators.defaults().inject(second, c, setter());
    // Neither root was decided: b3 says so (no sampling field), so the decision stays deferred.
    assertThat(Propagators.defaults().extract(c, getter()).context())
        .isEqualTo(
            TraceContext.of(
                    second.traceIdHigh(),
                    second.traceIdLow(),
                    second.spanId(),
                    0,
                    second.flags(),
                    null,
                    "b")
                .withSamplingDeferred());
  }
}
