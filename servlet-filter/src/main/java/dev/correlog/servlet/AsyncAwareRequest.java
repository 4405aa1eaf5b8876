package dev.correlog.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request as the application sees it on the first dispatch: the same, except that starting
 * async processing registers the filter's listener, so the access event waits for the real end.
 */
final class AsyncAwareRequest extends HttpServletRequestWrapper {
  private final RequestState state;

  AsyncAwareRequest(HttpServletRequest request, RequestState state) {
    super(request);
    this.state = state;
  }

  @Override
  public AsyncContext startAsync() {
    AsyncContext ctx = super.startAsync();
    state.asyncStarted(ctx);
    return ctx;
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    AsyncContext ctx = super.startAsync(request, response);
    state.asyncStarted(ctx);
    return ctx;
  }
}
