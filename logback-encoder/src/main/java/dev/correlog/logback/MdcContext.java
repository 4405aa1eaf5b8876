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
 *
 * <p>One per encoder. The last context built is kept and handed out again while events carry the
 * same four values (every line of a request), so a line of a known request allocates nothing and
 * the core writes the ids it already encoded for that context. Several appender threads may share
 * it: the cache is one immutable entry, replaced whole.
 */
final class MdcContext {
  static final String TRACE_ID = "trace_id";
  static final String SPAN_ID = "span_id";
  static final String TRACE_FLAGS = "trace_flags";
  static final String REQUEST_ID = "request_id";

  /** The values a context was built from, and the context. Immutable, so racy reads are safe. */
  private static final class Entry {
    final String trace;
    final String span;
    final String flags;
    final String requestId;
    final TraceContext context;

    Entry(String trace, String span, String flags, String requestId, TraceContext context) {
      this.trace = trace;
      this.span = span;
      this.flags = flags;
      this.requestId = requestId;
      this.context = context;
    }

    boolean matches(String trace, String span, String flags, String requestId) {
      return same(this.trace, trace)
          && same(this.span, span)
          && same(this.flags, flags)
          && same(this.requestId, requestId);
    }

    private static boolean same(String a, String b) {
      return a == b || (a != null && a.equals(b));
    }
  }

  private Entry last;

  static boolean isContextKey(String key) {
    return TRACE_ID.equals(key)
        || SPAN_ID.equals(key)
        || TRACE_FLAGS.equals(key)
        || REQUEST_ID.equals(key);
  }

  /** The context of {@code mdc}, or null when it holds no valid trace and span ids. */
  TraceContext of(Map<String, String> mdc) {
    if (mdc == null || mdc.isEmpty()) {
      return null;
    }
    String trace = mdc.get(TRACE_ID);
    String span = mdc.get(SPAN_ID);
    String flagsHex = mdc.get(TRACE_FLAGS);
    String requestId = mdc.get(REQUEST_ID);
    Entry cached = last;
    if (cached != null && cached.matches(trace, span, flagsHex, requestId)) {
      return cached.context;
    }
    TraceContext context = parse(trace, span, flagsHex, requestId);
    if (context != null) {
      last = new Entry(trace, span, flagsHex, requestId, context);
    }
    return context;
  }

  private static TraceContext parse(String trace, String span, String flagsHex, String requestId) {
    if (!isHex(trace, 32) || !isHex(span, 16)) {
      return null;
    }
    long high = hex(trace, 0, 16);
    long low = hex(trace, 16, 32);
    long spanId = hex(span, 0, 16);
    if ((high == 0 && low == 0) || spanId == 0) {
      return null;
    }
    boolean hasFlags = isHex(flagsHex, 2);
    byte flags = hasFlags ? (byte) hex(flagsHex, 0, 2) : 0;
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

  /** The value of the hex digits {@code s[from, to)}, already checked by {@link #isHex}. */
  private static long hex(String s, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      v = (v << 4) | Character.digit(s.charAt(i), 16);
    }
    return v;
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
