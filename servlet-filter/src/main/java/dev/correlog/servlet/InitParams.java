package dev.correlog.servlet;

import dev.correlog.Level;
import jakarta.servlet.FilterConfig;
import java.time.Duration;

/** The init-params of a {@link CorrelogFilter} declared in {@code web.xml} or a web fragment. */
final class InitParams {
  /** Context-param or init-param: {@code false} turns the filter into a pass-through. */
  static final String ENABLED = "dev.correlog.servlet.enabled";

  private InitParams() {}

  static boolean disabled(FilterConfig config) {
    String v = config.getInitParameter(ENABLED);
    if (v == null && config.getServletContext() != null) {
      v = config.getServletContext().getInitParameter(ENABLED);
    }
    return v != null && v.trim().equalsIgnoreCase("false");
  }

  /**
   * Applies the init-params to {@code b}.
   *
   * @throws IllegalArgumentException naming the init-param whose value is invalid
   */
  static CorrelogFilter.Builder read(FilterConfig config, CorrelogFilter.Builder b) {
    String v;
    if ((v = param(config, "untrusted-edge")) != null) {
      b.untrustedEdge(bool("untrusted-edge", v));
    }
    if ((v = param(config, "trace-response")) != null) {
      b.traceResponse(bool("trace-response", v));
    }
    if ((v = param(config, "include-query")) != null) {
      b.includeQuery(bool("include-query", v));
    }
    if ((v = param(config, "trusted-proxies")) != null) {
      b.trustedProxies(list(v));
    }
    if ((v = param(config, "slow-threshold-ms")) != null) {
      try {
        b.slowThreshold(Duration.ofMillis(Long.parseLong(v.trim())));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("slow-threshold-ms: not a duration in ms: " + v, e);
      }
    }
    Level ok = level(config, "level-success", b.successLevel);
    Level client = level(config, "level-client-error", b.clientErrorLevel);
    Level server = level(config, "level-server-error", b.serverErrorLevel);
    b.levels(ok, client, server);
    if ((v = param(config, "capture-headers")) != null) {
      b.captureHeaders(list(v));
    }
    if ((v = param(config, "redact-headers")) != null) {
      b.redactHeaders(list(v));
    }
    if ((v = param(config, "redact-query-parameters")) != null) {
      b.redactQueryParameters(list(v));
    }
    if ((v = param(config, "logger")) != null) {
      b.loggerName(v.trim());
    }
    return b;
  }

  private static String param(FilterConfig config, String name) {
    String v = config.getInitParameter(name);
    return v == null || v.trim().isEmpty() ? null : v;
  }

  private static boolean bool(String name, String v) {
    String t = v.trim();
    if (t.equalsIgnoreCase("true")) {
      return true;
    }
    if (t.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(name + ": expected true or false, was " + v);
  }

  private static Level level(FilterConfig config, String name, Level fallback) {
    String v = param(config, name);
    if (v == null) {
      return fallback;
    }
    try {
      return Level.parse(v.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + ": not a level: " + v, e);
    }
  }

  private static String[] list(String v) {
    return v.trim().split("\\s*,\\s*");
  }
}
