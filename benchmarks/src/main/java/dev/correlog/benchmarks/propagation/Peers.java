package dev.correlog.benchmarks.propagation;

import brave.propagation.B3Propagation;
import brave.propagation.Propagation;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Map;

/**
 * The inputs and the peers' carrier adapters, identical for every library: a {@code HashMap} whose
 * keys have the case each library looks up.
 */
final class Peers {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN_ID = "00f067aa0ba902b7";
  static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";
  static final String TRACESTATE = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
  static final String B3_SINGLE = TRACE_ID + "-" + SPAN_ID + "-1";

  static final dev.correlog.propagation.Getter<Map<String, String>> CASE_SENSITIVE_GETTER =
      Map::get;

  static final TextMapGetter<Map<String, String>> OTEL_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  static final TextMapSetter<Map<String, String>> OTEL_SETTER = Map::put;

  static final Propagation.Getter<Map<String, String>, String> BRAVE_GETTER = Map::get;
  static final Propagation.Setter<Map<String, String>, String> BRAVE_SETTER = Map::put;

  static final Propagation<String> BRAVE_SINGLE =
      B3Propagation.newFactoryBuilder()
          .injectFormat(B3Propagation.Format.SINGLE_NO_PARENT)
          .build()
          .get();
  static final Propagation<String> BRAVE_MULTI = B3Propagation.get();

  private Peers() {}

  static brave.propagation.TraceContext braveContext() {
    return brave.propagation.TraceContext.newBuilder()
        .traceIdHigh(Long.parseUnsignedLong(TRACE_ID.substring(0, 16), 16))
        .traceId(Long.parseUnsignedLong(TRACE_ID.substring(16), 16))
        .spanId(Long.parseUnsignedLong(SPAN_ID, 16))
        .sampled(true)
        .build();
  }

  static dev.correlog.context.TraceContext correlogContext(String traceState) {
    return dev.correlog.context.TraceContext.of(
        Long.parseUnsignedLong(TRACE_ID.substring(0, 16), 16),
        Long.parseUnsignedLong(TRACE_ID.substring(16), 16),
        Long.parseUnsignedLong(SPAN_ID, 16),
        0,
        dev.correlog.context.TraceContext.FLAG_SAMPLED,
        traceState,
        null);
  }
}
