package dev.correlog.slf4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The provider's settings, read once when SLF4J starts it: the system property {@code
 * correlog.slf4j.<key>}, else {@code slf4j.<key>} in a {@code correlog.properties} resource (the
 * core's file).
 *
 * <ul>
 *   <li>{@code event}: the event name of a call without an {@code event} key-value pair ({@code
 *       log} by default);
 *   <li>{@code mdc}: which MDC entries become fields: {@code *} (all, the default), {@code none},
 *       or a comma-separated list of keys. Correlog's own mirror keys ({@code trace_id}, {@code
 *       span_id}, {@code trace_flags}, {@code request_id}) are never copied: the envelope has them.
 * </ul>
 */
final class BridgeConfig {
  private static final String[] MIRROR_KEYS = {"trace_id", "span_id", "trace_flags", "request_id"};

  private final CorrelogMdcAdapter mdc;
  private final String defaultEvent;
  private final String[] mdcKeys; // null: all

  BridgeConfig(CorrelogMdcAdapter mdc, String defaultEvent, String mdcSetting) {
    this.mdc = mdc;
    this.defaultEvent =
        defaultEvent == null || defaultEvent.isBlank() ? "log" : defaultEvent.trim();
    this.mdcKeys = parseKeys(mdcSetting);
  }

  static BridgeConfig fromSettings(CorrelogMdcAdapter mdc) {
    Properties resource = new Properties();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = BridgeConfig.class.getClassLoader();
    }
    try (InputStream in =
        loader == null ? null : loader.getResourceAsStream("correlog.properties")) {
      if (in != null) {
        resource.load(in);
      }
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      // the defaults; the core reports an unreadable correlog.properties itself
    }
    return new BridgeConfig(mdc, setting(resource, "event"), setting(resource, "mdc"));
  }

  private static String setting(Properties resource, String key) {
    String value = null;
    try {
      value = System.getProperty("correlog.slf4j." + key);
    } catch (SecurityException e) {
      // fall through to the resource
    }
    return value != null ? value : resource.getProperty("slf4j." + key);
  }

  private static String[] parseKeys(String setting) {
    if (setting == null || setting.isBlank() || setting.trim().equals("*")) {
      return null;
    }
    if (setting.trim().equalsIgnoreCase("none")) {
      return new String[0];
    }
    return java.util.Arrays.stream(setting.split(","))
        .map(String::trim)
        .filter(k -> !k.isEmpty() && !isMirrorKey(k))
        .toArray(String[]::new);
  }

  static boolean isMirrorKey(String key) {
    for (String k : MIRROR_KEYS) {
      if (k.equals(key)) {
        return true;
      }
    }
    return false;
  }

  CorrelogMdcAdapter mdc() {
    return mdc;
  }

  String defaultEvent() {
    return defaultEvent;
  }

  String[] mdcKeys() {
    return mdcKeys;
  }
}
