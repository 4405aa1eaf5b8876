package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.correlog.context.TraceContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Fuzzes extraction of {@code traceparent}, {@code tracestate}, {@code b3}, the {@code X-B3-*}
 * headers and {@code x-request-id}: extraction never throws, and what it returns is a valid context
 * (non-zero ids, a bounded trace state and request id that injection writes back).
 */
class ExtractionFuzzTest {
  private static final String[] HEADERS = {
    "traceparent",
    "tracestate",
    "b3",
    "x-request-id",
    "X-B3-TraceId",
    "X-B3-SpanId",
    "X-B3-ParentSpanId",
    "X-B3-Sampled",
    "X-B3-Flags"
  };
  private static final String[] SEEDS = {
    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    "80e1afed08e019fc1110464cfa66635c-7a085853722dc6d2-1",
    "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
    "0af7651916cd43dd8448eb211c80319c",
    "b7ad6b7169203331",
    "1"
  };

  @FuzzTest(maxDuration = "10m")
  void extractionNeverThrowsAndGivesAValidContext(FuzzedDataProvider d) {
    Map<String, String> headers = new HashMap<>();
    int n = d.consumeInt(0, 9);
    for (int i = 0; i < n; i++) {
      String name = d.consumeBoolean() ? d.pickValue(HEADERS) : d.consumeString(20);
      String value = d.consumeBoolean() ? mutate(d.pickValue(SEEDS), d) : d.consumeString(600);
      headers.put(name, value);
    }
    Propagator p = Propagators.defaults();
    Extracted found = p.extract(headers, Carriers.MAP_GETTER);
    assertThat(found).isNotNull();
    if (found.requestId() != null) {
      assertThat(found.requestId()).matches("[\\x21-\\x7e]{1,128}");
    }
    TraceContext extracted = found.context();
    if (extracted != null) {
      assertValid(extracted);
      Map<String, String> out = new HashMap<>();
      p.inject(extracted, out, Carriers.MAP_SETTER);
      TraceContext again = p.extract(out, Carriers.MAP_GETTER).context();
      assertThat(again).isNotNull();
      assertThat(again.traceIdHex()).isEqualTo(extracted.traceIdHex());
      assertThat(again.spanIdHex()).isEqualTo(extracted.spanIdHex());
    }
    TraceContext server = Propagation.startServerSpan(headers, Carriers.MAP_GETTER);
    assertThat(server).isNotNull();
    assertValid(server);
  }

  private static String mutate(String seed, FuzzedDataProvider d) {
    if (seed.isEmpty() || !d.consumeBoolean()) {
      return seed;
    }
    StringBuilder b = new StringBuilder(seed);
    int at = d.consumeInt(0, b.length() - 1);
    b.setCharAt(at, d.consumeChar());
    return b.toString();
  }

  private static void assertValid(TraceContext c) {
    assertThat(c.traceIdHex()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertThat(c.spanIdHex()).matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
    if (c.traceState() != null) {
      assertThat(c.traceState().length()).isLessThanOrEqualTo(512);
      assertThat(c.traceState()).matches("[\\x20-\\x7e]*");
    }
    if (c.hasRequestId()) {
      assertThat(c.requestId()).matches("[\\x21-\\x7e]{1,128}");
    }
  }
}
