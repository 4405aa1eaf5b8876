package dev.correlog.servlet;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Propagation;
import dev.correlog.propagation.Propagators;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One request from the filter's first sight of it to its real end: its context, what the access
 * event needs, and the async listener that writes the event when an asynchronous request completes.
 * Stored as a request attribute, so async and error dispatches find it.
 */
final class RequestState implements AsyncListener {
  private static final int MAX_TRACEPARENT = 256;

  final Settings settings;
  final HttpServletRequest request;
  final HttpServletResponse response;
  final long startNanos;
  final String method;
  final String path;
  final String route;
  final String incomingTraceparent; // untrusted edge only
  private final TraceContext context;

  private volatile boolean async; // startAsync was called: the listener writes the event
  private volatile boolean timedOut;
  private volatile Throwable failure;
  private boolean written;

  private RequestState(
      Settings settings,
      HttpServletRequest request,
      HttpServletResponse response,
      TraceContext context,
      String incomingTraceparent) {
    this.settings = settings;
    this.request = request;
    this.response = response;
    this.context = context;
    this.incomingTraceparent = incomingTraceparent;
    this.startNanos = System.nanoTime();
    this.method = request.getMethod();
    this.path = request.getRequestURI();
    this.route = route(request);
  }

  /** Starts this hop's span for {@code request}, sets the response headers. Never throws. */
  static RequestState start(Settings s, HttpServletRequest req, HttpServletResponse res) {
    TraceContext span;
    String incoming = null;
    if (s.untrustedEdge) {
      span = Propagation.startServerSpan(req, ServletCarriers.REQUEST, Propagators.requestId());
      incoming = Fields.cap(safeHeader(req, "traceparent"), MAX_TRACEPARENT);
    } else {
      span = Propagation.startServerSpan(req, ServletCarriers.REQUEST, s.propagator);
    }
    TraceContext ctx = s.correlog.decide(span);
    RequestState state = new RequestState(s, req, res, ctx, incoming);
    req.setAttribute(CorrelogFilter.STATE_ATTRIBUTE, state);
    try {
      res.setHeader("x-request-id", ctx.requestId());
      if (s.traceResponse) {
        res.setHeader("traceresponse", traceResponse(ctx));
      }
    } catch (RuntimeException e) {
      // A wrapped response that refuses headers: the request goes on without them.
    }
    return state;
  }

  TraceContext context() {
    return context;
  }

  boolean timedOut() {
    return timedOut;
  }

  Throwable failure() {
    return failure;
  }

  HttpServletRequest wrap(HttpServletRequest req) {
    return new AsyncAwareRequest(req, this);
  }

  /** Called by the wrapper (or the filter) when the application started async processing. */
  void asyncStarted(AsyncContext ctx) {
    if (!async) {
      async = true;
      ctx.addListener(this);
    }
  }

  /**
   * The first dispatch returned (or threw {@code thrown}): write now unless the request is async.
   */
  void dispatchEnded(Throwable thrown) {
    if (thrown != null) {
      failure = thrown;
    }
    if (!async) {
      try {
        if (request.isAsyncStarted()) { // started on the unwrapped request
          asyncStarted(request.getAsyncContext());
        }
      } catch (RuntimeException e) {
        // Not async after all: write now.
      }
    }
    if (!async) {
      write();
    }
  }

  /**
   * An async, error, forward or include dispatch returned. The async listener writes the event;
   * only an async dispatch of a request made async out of this filter's sight is written here.
   */
  void redispatchEnded(DispatcherType type, Throwable thrown) {
    if (thrown != null && failure == null) {
      failure = thrown;
    }
    if (!async && type == DispatcherType.ASYNC) {
      write(); // never written twice
    }
  }

  private void write() {
    synchronized (this) {
      if (written) {
        return;
      }
      written = true;
    }
    AccessEvent.write(this, System.nanoTime() - startNanos);
  }

  @Override
  public void onComplete(AsyncEvent event) {
    write();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    timedOut = true;
  }

  @Override
  public void onError(AsyncEvent event) {
    if (failure == null && event.getThrowable() != null) {
      failure = event.getThrowable();
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // A new asynchronous cycle (startAsync again after a dispatch): stay registered.
    event.getAsyncContext().addListener(this);
  }

  private static String route(HttpServletRequest req) {
    try {
      HttpServletMapping m = req.getHttpServletMapping();
      String p = m == null ? null : m.getPattern();
      return p == null || p.isEmpty() ? null : p;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String safeHeader(HttpServletRequest req, String name) {
    try {
      return req.getHeader(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String traceResponse(TraceContext ctx) {
    int flags = ctx.flags() & 0xff;
    return "00-"
        + ctx.traceIdHex()
        + '-'
        + ctx.spanIdHex()
        + '-'
        + Character.forDigit(flags >> 4, 16)
        + Character.forDigit(flags & 0xf, 16);
  }
}
