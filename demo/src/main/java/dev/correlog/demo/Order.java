package dev.correlog.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An order as it travels: {@code sku=A-1;qty=2;delay_ms=0}, the gRPC request and the Kafka record
 * value alike (no serialization library needed). Unknown or malformed parts are ignored.
 */
record Order(String sku, int qty, int delayMs) {
  /** SKUs starting with this fail inside inventory (a warehouse that cannot be reached). */
  static final String FAILING_PREFIX = "W3-";

  String encode() {
    return "sku=" + sku + ";qty=" + qty + ";delay_ms=" + delayMs;
  }

  static Order decode(String text) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : (text == null ? "" : text).split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return new Order(
        parts.getOrDefault("sku", "unknown"),
        number(parts.get("qty"), 1),
        number(parts.get("delay_ms"), 0));
  }

  static int number(String text, int fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Math.max(0, Math.min(Integer.parseInt(text.trim()), 60_000));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  boolean failsInInventory() {
    return sku.startsWith(FAILING_PREFIX);
  }
}
