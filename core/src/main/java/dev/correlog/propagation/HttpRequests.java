package dev.correlog.propagation;

import dev.correlog.context.TraceContext;
import java.net.http.HttpRequest;

/**
 * Outgoing {@link java.net.http.HttpClient} requests.
 *
 * <pre>{@code
 * HttpRequest request = HttpRequests.withCurrentContext(HttpRequest.newBuilder(uri)).build();
 * }</pre>
 */
public final class HttpRequests {
  private HttpRequests() {}

  /**
   * Injects a new client span, a child of {@link TraceContext#current()} ({@link
   * Propagation#startClientSpan}), with {@link Propagators#defaults()}, so two calls from one
   * request are told apart downstream; with no current context nothing is added. Returns {@code
   * builder}.
   */
  public static HttpRequest.Builder withCurrentContext(HttpRequest.Builder builder) {
    return withCurrentContext(builder, Propagators.defaults());
  }

  /** As {@link #withCurrentContext(HttpRequest.Builder)}, with the given propagator. */
  public static HttpRequest.Builder withCurrentContext(
      HttpRequest.Builder builder, Propagator propagator) {
    if (TraceContext.current() != null) {
      Propagation.startClientSpan(builder, Carriers.HTTP_REQUEST, propagator);
    }
    return builder;
  }
}
