package dev.correlog.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * {@code encode} allocates only the array it returns, once compiled: the thread's allocated bytes
 * (HotSpot's per-thread counter) over rounds of encoding one prepared Logback event, with the
 * request's ids and an application entry in its MDC, key-value pairs and markers. The array is at
 * most the line's length plus 23 bytes (its header and padding); anything else made per event (a
 * string, a context, an iterator, a lambda: 16 bytes at least) breaks the bound.
 */
class EncoderAllocationTest {
  private static final int CALLS = 10_000;
  private static final int ROUNDS = 60;

  private final LoggerContext context = new LoggerContext();
  private final CorrelogEncoder encoder = new CorrelogEncoder();

  @BeforeEach
  void start() {
    context.setMDCAdapter(MDC.getMDCAdapter());
    encoder.setContext(context);
    encoder.setService("order-service");
    encoder.setVersion("1.4.2");
    encoder.start();
    MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    MDC.put("span_id", "00f067aa0ba902b7");
    MDC.put("request_id", "req-789");
    MDC.put("tenant", "acme");
  }

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void aClassicEvent() {
    LoggingEvent event = event("order {} placed by user {}", 67890L, 12345L);
    assertOnlyTheLine(event);
  }

  @Test
  void aFluentEvent_withKeyValuesAndMarkers() {
    LoggingEvent event = event("order placed");
    event.addKeyValuePair(new KeyValuePair("event", "order.placed"));
    event.addKeyValuePair(new KeyValuePair("user_id", 12345L));
    event.addKeyValuePair(new KeyValuePair("amount", 99.99));
    // Two markers, joined in the encoder's buffer; none with references: a reference is only
    // reachable through Marker.iterator(), which the JIT removes in some compilations only.
    event.addMarker(MarkerFactory.getDetachedMarker("AUDIT"));
    event.addMarker(MarkerFactory.getDetachedMarker("BILLING"));
    assertOnlyTheLine(event);
  }

  private LoggingEvent event(String message, Object... args) {
    LoggingEvent event =
        new LoggingEvent(
            getClass().getName(),
            context.getLogger("com.acme.Orders"),
            Level.INFO,
            message,
            null,
            args);
    event.prepareForDeferredProcessing(); // the message formatted and the MDC captured, once
    return event;
  }

  private void assertOnlyTheLine(LoggingEvent event) {
    String line = new String(encoder.encode(event));
    assertThat(line).contains("\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"", "\"tenant\"");
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    double bound = encoder.encode(event).length + 23.5;
    double perCall = Double.NaN;
    long sum = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long before = mx.getThreadAllocatedBytes(thread);
      for (int i = 0; i < CALLS; i++) {
        sum += encoder.encode(event).length;
      }
      perCall = (mx.getThreadAllocatedBytes(thread) - before) / (double) CALLS;
      if (round >= 3 && perCall <= bound) {
        break;
      }
    }
    assertThat(sum).isPositive();
    assertThat(perCall).as("bytes allocated per encode, line %s", line).isLessThanOrEqualTo(bound);
  }
}
