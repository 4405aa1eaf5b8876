package dev.correlog.servlet;

import dev.correlog.propagation.Getter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/** The {@link Getter} of an incoming {@link HttpServletRequest}'s headers. */
public final class ServletCarriers {
  /**
   * Reads a request header, ignoring case (the container's lookup); a header received several times
   * is returned as its values joined by {@code ","}, in order, as the {@link Getter} contract asks.
   */
  public static final Getter<HttpServletRequest> REQUEST = ServletCarriers::get;

  private ServletCarriers() {}

  private static String get(HttpServletRequest request, String name) {
    Enumeration<String> values = request.getHeaders(name);
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return first;
    }
    StringBuilder sb = new StringBuilder(first);
    while (values.hasMoreElements()) {
      sb.append(',').append(values.nextElement());
    }
    return sb.toString();
  }
}
