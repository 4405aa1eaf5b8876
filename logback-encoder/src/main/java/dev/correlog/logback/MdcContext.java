package dev.correlog.logback;

import dev.correlog.context.TraceContext;
import java.util.Map;

/**
 * The trace context of a Logback event, rebuilt from the MDC Logback captured on the logging
 * thread: {@code trace_id} (32 hex), {@code span_id} (16 hex), {@code trace_flags} (2 hex) and
 * {@code request_id}, written by Correlog's MDC mirror and by OpenTelemetry's Logback MDC
 * instrumentation alike. Invalid or missing ids: null. No valid {@code trace_flags} (Correlog's
 * mirror leaves it out while the trace's sampling is undecided): an undecided context, judged by
 * the encoder's head ratio as Correlog's own events are.
 */
final class MdcContext {
  static final String TRACE_ID = "trace_id";
  static final String SPAN_ID = "span_id";
  static final String TRACE_FLAGS = "trace_flags";
  static final String REQUEST_ID = "request_id";

  private MdcContext() {}

  static boolean isContextKey(String key) {
    return TRACE_ID.equals(key)
        || SPAN_ID.equals(key)
        || TRACE_FLAGS.equals(key)
        || REQUEST_ID.equals(key);
  }

  static TraceContext of(Map<String, String> mdc) {
    if (mdc == null || mdc.isEmpty()) {
      return null;
    }
    String trace = mdc.get(TRACE_ID);
    String span = mdc.get(SPAN_ID);
    if (!isHex(trace, 32) || !isHex(span, 16)) {
      return null;
    }
    long high = Long.parseUnsignedLong(trace.substring(0, 16), 16);
    long low = Long.parseUnsignedLong(trace.substring(16), 16);
    long spanId = Long.parseUnsignedLong(span, 16);
    if ((high == 0 && low == 0) || spanId == 0) {
      return null;
    }
    String flagsHex = mdc.get(TRACE_FLAGS);
    boolean hasFlags = isHex(flagsHex, 2);
    byte flags = hasFlags ? (byte) Integer.parseInt(flagsHex, 16) : 0;
    String requestId = mdc.get(REQUEST_ID);
    TraceContext c =
        TraceContext.of(
            high,
            low,
            spanId,
            0,
            flags,
            null,
            requestId == null || requestId.isEmpty() ? null : requestId);
    return hasFlags ? c : c.withSamplingDeferred();
  }

  private static boolean isHex(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
