package dev.correlog.benchmarks.peers;

import dev.correlog.context.TraceContext;

/**
 * What every contender writes: one request's ids, the service's identity and the order event. The
 * ids are fixed so that the lines of all contenders can be compared field by field.
 */
final class Fixture {
  static final String SERVICE = "order-service";
  static final String VERSION = "1.4.2";
  static final String LOGGER = "com.acme.Orders";
  static final String EVENT = "order.placed";
  static final String MESSAGE = "order placed";

  /** The keys OpenTelemetry's Logback/Log4j MDC instrumentation (and Correlog's mirror) use. */
  static final String TRACE_ID = "trace_id";

  static final String SPAN_ID = "span_id";
  static final String TRACE_FLAGS = "trace_flags";
  static final String REQUEST_ID = "request_id";

  /** A sampled request as it arrives from a caller: trace flags 01, no parent span here. */
  static final TraceContext REQUEST =
      TraceContext.of(
          0x4bf92f3577b34da6L,
          0xa3ce929d0e0e4736L,
          0x00f067aa0ba902b7L,
          0,
          TraceContext.FLAG_SAMPLED,
          null,
          "req-789");

  /** The same request, decided not sampled (trace flags 00). */
  static final TraceContext UNSAMPLED_REQUEST = REQUEST.withSampled(false);

  private Fixture() {}
}
