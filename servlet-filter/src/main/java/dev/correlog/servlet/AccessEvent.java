package dev.correlog.servlet;

import dev.correlog.EventBuilder;
import dev.correlog.Level;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.schema.SchemaViolationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes {@code http.server.request}: one event per request, at its real end, in the request's
 * context. Never throws into the request, except a strict-mode {@code SchemaViolationException} for
 * a schema the application declared for this event (never instead of the request's own exception).
 */
final class AccessEvent {
  static final String NAME = "http.server.request";

  private static final int MAX_METHOD = 32;
  private static final int MAX_PATH = 2048;
  private static final int MAX_QUERY = 2048;
  private static final int MAX_HEADER = 1024;

  private AccessEvent() {}

  static void write(RequestState st, long durationNanos) {
    Settings s = st.settings;
    HttpServletResponse res = st.response;
    Throwable failure = st.failure();
    int status = status(res, failure);
    Level level = s.level(status, failure != null);
    boolean slow = durationNanos >= s.slowNanos;
    TraceContext ctx = st.context();
    // A slow request is kept whatever the head decision: its trace counts as sampled for this line.
    TraceContext emitIn = slow && !ctx.isSampled() ? ctx.withSampled(true) : ctx;
    // On the filter's own thread the context is already current: no second scope.
    Scope scope = TraceContext.current() == emitIn ? null : emitIn.attach();
    try {
      EventBuilder e = s.log.at(level, NAME);
      if (!e.isEnabled()) {
        return;
      }
      HttpServletRequest req = st.request;
      e.field("http.method", Fields.cap(st.method, MAX_METHOD));
      if (st.route != null) {
        e.field("http.route", Fields.cap(st.route, MAX_PATH));
      }
      e.field("url.path", Fields.cap(st.path, MAX_PATH));
      if (s.includeQuery) {
        String q = Fields.query(req.getQueryString(), s.redactedQueryParameters, MAX_QUERY);
        if (q != null) {
          e.field("url.query", q);
        }
      }
      e.field("http.status_code", status);
      e.field("duration_ms", durationNanos / 1_000_000.0);
      long size = responseSize(res);
      if (size >= 0) {
        e.field("http.response.size", size);
      }
      e.field("client.address", ClientAddress.of(req, s.trustedProxies));
      String ua = Fields.cap(req.getHeader("User-Agent"), s.maxUserAgentLength);
      if (ua != null) {
        e.field("user_agent.original", ua);
      }
      for (int i = 0; i < s.capturedHeaders.length; i++) {
        String v = req.getHeader(s.capturedHeaders[i]);
        if (v != null) {
          e.field(
              s.capturedFields[i],
              s.capturedRedacted[i] ? Settings.REDACTED : Fields.cap(v, MAX_HEADER));
        }
      }
      if (st.incomingTraceparent != null) {
        e.field("http.request.traceparent", st.incomingTraceparent);
      }
      if (slow && s.slowNanos > 0) {
        e.field("http.slow", true);
      }
      if (st.timedOut()) {
        e.field("http.async_timeout", true);
      }
      if (failure != null) {
        e.error(failure);
      }
      e.emit();
    } catch (SchemaViolationException ex) {
      if (failure == null) {
        throw ex; // strict mode: the application's schema for this event was broken
      }
    } catch (RuntimeException ex) {
      // Reading the request after its end may fail in some containers: the event is lost, the
      // request is not.
    } finally {
      if (scope != null) {
        scope.close();
      }
    }
  }

  /** The status the client gets: an exception the container turns into a 500 counts as one. */
  private static int status(HttpServletResponse res, Throwable failure) {
    try {
      int status = res.getStatus();
      if (failure != null && !res.isCommitted() && status < 400) {
        return 500;
      }
      return status;
    } catch (RuntimeException e) {
      return failure != null ? 500 : 0;
    }
  }

  private static long responseSize(HttpServletResponse res) {
    String v = res.getHeader("Content-Length");
    if (v == null || v.isEmpty() || v.length() > 18) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
