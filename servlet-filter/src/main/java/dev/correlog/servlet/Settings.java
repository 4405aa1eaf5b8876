package dev.correlog.servlet;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.Level;
import dev.correlog.propagation.Propagator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** A filter's settings, immutable once built. */
final class Settings {
  static final String REDACTED = "[REDACTED]";
  private static final String[] ALWAYS_REDACTED = {
    "authorization", "proxy-authorization", "cookie", "set-cookie"
  };

  final Correlog correlog;
  final EventLogger log;
  final Propagator propagator;
  final boolean untrustedEdge;
  final boolean traceResponse;
  final boolean includeQuery;
  final Set<String> trustedProxies;
  final long slowNanos;
  final Level successLevel;
  final Level clientErrorLevel;
  final Level serverErrorLevel;
  final String[] capturedHeaders;
  final String[] capturedFields;
  final boolean[] capturedRedacted;
  final Set<String> redactedQueryParameters;
  final int maxUserAgentLength;

  Settings(CorrelogFilter.Builder b) {
    this.correlog = b.correlog;
    this.log = b.correlog.logger(b.loggerName);
    this.propagator = b.propagator;
    this.untrustedEdge = b.untrustedEdge;
    this.traceResponse = b.traceResponse;
    this.includeQuery = b.includeQuery;
    this.trustedProxies = Set.of(b.trustedProxies);
    this.slowNanos = b.slowThreshold.toNanos();
    this.successLevel = b.successLevel;
    this.clientErrorLevel = b.clientErrorLevel;
    this.serverErrorLevel = b.serverErrorLevel;
    Set<String> redacted = new HashSet<>(Set.of(ALWAYS_REDACTED));
    for (String h : b.redactHeaders) {
      redacted.add(h.toLowerCase(Locale.ROOT));
    }
    this.capturedHeaders = b.captureHeaders.clone();
    this.capturedFields = new String[capturedHeaders.length];
    this.capturedRedacted = new boolean[capturedHeaders.length];
    for (int i = 0; i < capturedHeaders.length; i++) {
      String lower = capturedHeaders[i].toLowerCase(Locale.ROOT);
      capturedFields[i] = "http.request.header." + fieldPart(lower);
      capturedRedacted[i] = redacted.contains(lower);
    }
    Set<String> params = new HashSet<>();
    for (String p : b.redactQueryParameters) {
      params.add(p.toLowerCase(Locale.ROOT));
    }
    this.redactedQueryParameters = Set.copyOf(params);
    this.maxUserAgentLength = b.maxUserAgentLength;
  }

  /** The level of a request that ended with {@code status}, or with an exception. */
  Level level(int status, boolean failed) {
    if (failed || status >= 500) {
      return serverErrorLevel;
    }
    return status >= 400 ? clientErrorLevel : successLevel;
  }

  /** A header name as the last part of a field name: lowercase snake_case. */
  private static String fieldPart(String lowerName) {
    StringBuilder sb = new StringBuilder(lowerName.length());
    for (int i = 0; i < lowerName.length(); i++) {
      char c = lowerName.charAt(i);
      sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return sb.toString();
  }

  /** A copy of {@code values}, trimmed, refusing null and empty members. */
  static String[] checkedList(String[] values, String what) {
    if (values == null) {
      throw new NullPointerException(what + "s");
    }
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      if (v == null || v.trim().isEmpty()) {
        throw new IllegalArgumentException(what + " must not be null or empty");
      }
      out[i] = v.trim();
    }
    return out;
  }
}
