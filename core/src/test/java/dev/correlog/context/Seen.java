package dev.correlog.context;

import org.slf4j.MDC;

/** What a task saw when it ran: the current context, the MDC's trace id, and the thread. */
record Seen(TraceContext context, String mdcTraceId, String thread) {
  static Seen now() {
    return new Seen(TraceContext.current(), MDC.get("trace_id"), Thread.currentThread().getName());
  }

  /** True when the task saw exactly {@code expected} (null: no context and no MDC trace id). */
  boolean saw(TraceContext expected) {
    if (expected == null) {
      return context == null && mdcTraceId == null;
    }
    return context == expected && expected.traceIdHex().equals(mdcTraceId);
  }
}
