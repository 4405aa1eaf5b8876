package dev.correlog.servlet;

import dev.correlog.Correlog;
import dev.correlog.Level;
import dev.correlog.context.ContextStorage;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Propagators;
import dev.correlog.schema.EventSchema;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Correlation for every HTTP request of a web application.
 *
 * <p>For each request: the caller's context is extracted ({@code traceparent}/{@code tracestate},
 * then B3, plus {@code x-request-id}), this hop's span is started ({@link
 * dev.correlog.propagation.Propagation#startServerSpan}), the head-sampling decision is made
 * ({@link Correlog#decide}) and the context stays current for the whole request, asynchronous
 * dispatches included; the thread is restored in {@code finally}. The response carries {@code
 * x-request-id} (and {@code traceresponse} when enabled). One {@code http.server.request} event is
 * written at the request's real end (for an asynchronous request: when it completes).
 *
 * <p>Declared in {@code web.xml} (no-argument constructor, settings from init-params, {@link
 * Correlog#global()} for the rest), activated by the jar's {@code web-fragment.xml}, or built in
 * code:
 *
 * <pre>{@code
 * FilterHolder holder = new FilterHolder(CorrelogFilter.create(correlog));
 * Filter filter = CorrelogFilter.newBuilder(correlog).traceResponse(true).build();
 * }</pre>
 *
 * <p>Map it for the {@code REQUEST} and {@code ASYNC} dispatcher types (and {@code ERROR}, so that
 * error pages run in the request's context), with async supported.
 */
public final class CorrelogFilter implements Filter {
  /** The request attribute holding the request's {@link TraceContext} (and its state). */
  static final String STATE_ATTRIBUTE = "dev.correlog.servlet.state";

  private volatile Settings settings; // null until init() for a filter declared in web.xml
  private volatile boolean enabled = true;

  /** For {@code web.xml} and the web fragment: configured in {@link #init(FilterConfig)}. */
  public CorrelogFilter() {}

  private CorrelogFilter(Settings settings) {
    this.settings = settings;
  }

  /** A filter with the default settings, writing through {@code correlog}. */
  public static CorrelogFilter create(Correlog correlog) {
    return newBuilder(correlog).build();
  }

  /** Settings for a filter writing through {@code correlog}. */
  public static Builder newBuilder(Correlog correlog) {
    return new Builder(Objects.requireNonNull(correlog, "correlog"));
  }

  /**
   * The schema of the {@code http.server.request} event, to register with {@code
   * Correlog.builder().schema(..)} so that it is checked and exported with the application's own
   * events. Captured headers ({@code http.request.header.*}) are undeclared fields, allowed.
   */
  public static EventSchema accessEventSchema() {
    return EventSchema.named(AccessEvent.NAME)
        .description("One HTTP request served, written at its real end by CorrelogFilter.")
        .requiredString("http.method", 32)
        .optionalString("http.route", 2048)
        .requiredString("url.path", 2048)
        .optionalString("url.query", 2048)
        .requiredLong("http.status_code")
        .requiredDouble("duration_ms")
        .optionalLong("http.response.size")
        .requiredString("client.address", 64)
        .optionalString("user_agent.original")
        .optionalString("http.request.traceparent", 256)
        .optionalBoolean("http.slow")
        .optionalBoolean("http.async_timeout");
  }

  /**
   * The context of {@code request} as this filter started it, or null when the request did not pass
   * through it. For code that hands a request's work to another thread.
   */
  public static TraceContext context(ServletRequest request) {
    Object state = request.getAttribute(STATE_ATTRIBUTE);
    return state instanceof RequestState ? ((RequestState) state).context() : null;
  }

  /**
   * Reads the init-params (see the module README) when this filter was declared rather than built.
   * A filter built in code ignores them. The context-param or init-param {@code
   * dev.correlog.servlet.enabled=false} turns the filter into a pass-through.
   *
   * @throws ServletException naming an init-param whose value is invalid
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    if (InitParams.disabled(config)) {
      enabled = false;
      return;
    }
    if (settings == null) {
      try {
        settings = InitParams.read(config, newBuilder(Correlog.global())).settings();
      } catch (IllegalArgumentException e) {
        throw new ServletException(
            "CorrelogFilter " + config.getFilterName() + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Settings s = settings;
    if (!enabled
        || s == null
        || !(request instanceof HttpServletRequest)
        || !(response instanceof HttpServletResponse)) {
      chain.doFilter(request, response);
      return;
    }
    Object existing = request.getAttribute(STATE_ATTRIBUTE);
    if (existing instanceof RequestState) {
      redispatch((RequestState) existing, request, response, chain);
      return;
    }
    if (request.getDispatcherType() == DispatcherType.REQUEST) {
      // A new request from the container: a scope still open on this pooled thread was leaked by
      // an earlier task; it must not reach this request (counted, reported once by the core).
      ContextStorage.clearStale();
    }
    HttpServletRequest req = (HttpServletRequest) request;
    RequestState state = RequestState.start(s, req, (HttpServletResponse) response);
    Throwable failure = null;
    Scope scope = state.context().attach();
    try {
      chain.doFilter(state.wrap(req), response);
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      try {
        state.dispatchEnded(failure);
      } finally {
        scope.close();
      }
    }
  }

  /** An async, error, forward or include dispatch of a request already started here. */
  private static void redispatch(
      RequestState state, ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Throwable failure = null;
    Scope scope = state.context().attach();
    try {
      chain.doFilter(request, response);
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      try {
        state.redispatchEnded(request.getDispatcherType(), failure);
      } finally {
        scope.close();
      }
    }
  }

  @Override
  public void destroy() {}

  /** Settings of a {@link CorrelogFilter}; every setter checks its argument at once. */
  public static final class Builder {
    final Correlog correlog;
    Propagator propagator = Propagators.defaults();
    boolean untrustedEdge;
    boolean traceResponse;
    boolean includeQuery;
    String[] trustedProxies = {};
    Duration slowThreshold = Duration.ofSeconds(2);
    Level successLevel = Level.INFO;
    Level clientErrorLevel = Level.WARN;
    Level serverErrorLevel = Level.ERROR;
    String[] captureHeaders = {};
    String[] redactHeaders = {};
    String[] redactQueryParameters = {};
    String loggerName = "dev.correlog.servlet";
    int maxUserAgentLength = 256;

    private Builder(Correlog correlog) {
      this.correlog = correlog;
    }

    /** How incoming context is read and which headers it needs; {@link Propagators#defaults()}. */
    public Builder propagator(Propagator propagator) {
      this.propagator = Objects.requireNonNull(propagator, "propagator");
      return this;
    }

    /**
     * For a public edge whose callers are not trusted: incoming trace ids are ignored and every
     * request starts a new trace; the received {@code traceparent} is recorded as the field {@code
     * http.request.traceparent}. A valid {@code x-request-id} is still honoured. Off by default.
     */
    public Builder untrustedEdge(boolean untrusted) {
      this.untrustedEdge = untrusted;
      return this;
    }

    /** Adds the W3C Level 2 {@code traceresponse} header to every response. Off by default. */
    public Builder traceResponse(boolean enabled) {
      this.traceResponse = enabled;
      return this;
    }

    /**
     * Writes the query string as {@code url.query}, with the values of {@link
     * #redactQueryParameters} replaced by {@code [REDACTED]}. Off by default.
     */
    public Builder includeQuery(boolean include) {
      this.includeQuery = include;
      return this;
    }

    /**
     * Addresses (exact, as {@code getRemoteAddr()} gives them) of the proxies whose {@code
     * X-Forwarded-For} is believed. {@code client.address} is then the rightmost address of that
     * header that is not one of them. None by default: {@code X-Forwarded-For} is ignored.
     */
    public Builder trustedProxies(String... addresses) {
      this.trustedProxies = Settings.checkedList(addresses, "trusted proxy");
      return this;
    }

    /**
     * Requests at least this slow are written whatever the head-sampling decision (2 s by default);
     * {@link Duration#ZERO} keeps every access event.
     */
    public Builder slowThreshold(Duration threshold) {
      if (Objects.requireNonNull(threshold, "threshold").isNegative()) {
        throw new IllegalArgumentException("slow threshold must not be negative: " + threshold);
      }
      this.slowThreshold = threshold;
      return this;
    }

    /**
     * The access event's level by outcome: below 400, 4xx, and 5xx or an exception. INFO, WARN and
     * ERROR by default.
     */
    public Builder levels(Level success, Level clientError, Level serverError) {
      this.successLevel = Objects.requireNonNull(success, "success");
      this.clientErrorLevel = Objects.requireNonNull(clientError, "clientError");
      this.serverErrorLevel = Objects.requireNonNull(serverError, "serverError");
      return this;
    }

    /**
     * Request headers written on the access event as {@code http.request.header.<name>} (lowercase,
     * {@code -} as {@code _}). A header that is {@linkplain #redactHeaders redacted} is written as
     * {@code [REDACTED]}.
     */
    public Builder captureHeaders(String... names) {
      this.captureHeaders = Settings.checkedList(names, "header name");
      return this;
    }

    /**
     * Headers never written, in addition to {@code Authorization}, {@code Proxy-Authorization},
     * {@code Cookie} and {@code Set-Cookie}: their value is replaced by {@code [REDACTED]}.
     */
    public Builder redactHeaders(String... names) {
      this.redactHeaders = Settings.checkedList(names, "header name");
      return this;
    }

    /** Query parameters whose values are replaced by {@code [REDACTED]} in {@code url.query}. */
    public Builder redactQueryParameters(String... names) {
      this.redactQueryParameters = Settings.checkedList(names, "query parameter");
      return this;
    }

    /** The logger of the access event; {@code dev.correlog.servlet} by default. */
    public Builder loggerName(String name) {
      if (Objects.requireNonNull(name, "name").isEmpty()) {
        throw new IllegalArgumentException("logger name must not be empty");
      }
      this.loggerName = name;
      return this;
    }

    /** The user agent is cut to this many characters (256 by default). */
    public Builder maxUserAgentLength(int chars) {
      if (chars < 0) {
        throw new IllegalArgumentException("max user agent length must not be negative: " + chars);
      }
      this.maxUserAgentLength = chars;
      return this;
    }

    public CorrelogFilter build() {
      return new CorrelogFilter(settings());
    }

    Settings settings() {
      return new Settings(this);
    }

    @Override
    public String toString() {
      return "CorrelogFilter.Builder{untrustedEdge="
          + untrustedEdge
          + ", traceResponse="
          + traceResponse
          + ", trustedProxies="
          + Arrays.toString(trustedProxies)
          + "}";
    }
  }
}
