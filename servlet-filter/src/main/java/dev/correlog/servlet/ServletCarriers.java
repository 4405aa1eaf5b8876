package dev.correlog.servlet;

import dev.correlog.propagation.Getter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.List;

/** The {@link Getter} of an incoming {@link HttpServletRequest}'s headers. */
public final class ServletCarriers {
  /**
   * Reads a request header, ignoring case (the container's lookup); a header received several times
   * is returned as its values joined by {@code ","}, in order, as the {@link Getter} contract asks.
   * {@link Getter#getEach} walks the request's header names once and asks the container only for
   * the headers that are there, so the absent ones (most of what a propagator asks for) cost no
   * lookup each.
   */
  public static final Getter<HttpServletRequest> REQUEST = new RequestGetter();

  private ServletCarriers() {}

  private static final class RequestGetter implements Getter<HttpServletRequest> {
    @Override
    public String get(HttpServletRequest request, String name) {
      return ServletCarriers.get(request, name);
    }

    @Override
    public void getEach(HttpServletRequest request, List<String> names, String[] values) {
      int n = names.size();
      Enumeration<String> present = request.getHeaderNames();
      if (present == null || n > 64) { // headers not listed (or a long list): a lookup per name
        Getter.super.getEach(request, names, values);
        return;
      }
      for (int i = 0; i < n; i++) {
        values[i] = null;
      }
      long unseen = n == 64 ? -1L : (1L << n) - 1; // a bit per name not met yet
      while (unseen != 0 && present.hasMoreElements()) {
        String header = present.nextElement();
        int i = indexOf(names, header);
        if (i >= 0 && (unseen & 1L << i) != 0) {
          unseen &= ~(1L << i);
          values[i] = get(request, header); // the container's lookup: every case, joined
        }
      }
    }
  }

  /** The index of the name equal to {@code header} ignoring case, or -1. */
  private static int indexOf(List<String> names, String header) {
    if (header == null) {
      return -1;
    }
    int length = header.length();
    for (int i = 0, n = names.size(); i < n; i++) {
      String name = names.get(i);
      if (name.length() == length && name.equalsIgnoreCase(header)) {
        return i;
      }
    }
    return -1;
  }

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
