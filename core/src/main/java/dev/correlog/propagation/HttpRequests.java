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
   * Injects {@link TraceContext#current()} with {@link Propagators#defaults()}; with no current
   * context nothing is added. Returns {@code builder}.
   */
  public static HttpRequest.Builder withCurrentContext(HttpRequest.Builder builder) {
    return withCurrentContext(builder, Propagators.defaults());
  }

  /** As {@link #withCurrentContext(HttpRequest.Builder)}, with the given propagator. */
  public static HttpRequest.Builder withCurrentContext(
      HttpRequest.Builder builder, Propagator propagator) {
    TraceContext current = TraceContext.current();
    if (current != null) {
      propagator.inject(current, builder, Carriers.HTTP_REQUEST);
    }
    return builder;
  }
}
