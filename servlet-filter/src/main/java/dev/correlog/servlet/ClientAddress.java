package dev.correlog.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/** The client's address: the peer's, or from {@code X-Forwarded-For} set by a trusted proxy. */
final class ClientAddress {
  private static final int MAX = 64;

  private ClientAddress() {}

  static String of(HttpServletRequest req, Set<String> trustedProxies) {
    String peer = req.getRemoteAddr();
    if (peer == null) {
      peer = "unknown";
    }
    if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
      return Fields.cap(peer, MAX);
    }
    String xff = ServletCarriers.REQUEST.get(req, "X-Forwarded-For");
    if (xff == null) {
      return Fields.cap(peer, MAX);
    }
    // Rightmost first: each trusted proxy appended the address it received from.
    String candidate = null;
    int end = xff.length();
    while (end > 0) {
      int comma = xff.lastIndexOf(',', end - 1);
      String hop = xff.substring(comma + 1, end).trim();
      end = comma < 0 ? 0 : comma;
      if (!plausible(hop)) {
        break; // garbage: believe nothing further left
      }
      candidate = hop;
      if (!trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return candidate != null ? candidate : Fields.cap(peer, MAX);
  }

  /** An IPv4 or IPv6 address (optionally bracketed, with a port or zone), by its characters. */
  private static boolean plausible(String s) {
    if (s.isEmpty() || s.length() > MAX) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || c == '.'
              || c == ':'
              || c == '['
              || c == ']'
              || c == '%';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
