package dev.correlog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where configuration is read from when it is not given in code, in this order: the OpenTelemetry
 * environment variables ({@code OTEL_SERVICE_NAME}, {@code OTEL_RESOURCE_ATTRIBUTES}'s {@code
 * service.name}, {@code service.version} and {@code deployment.environment}), then system
 * properties ({@code correlog.service}, {@code correlog.version}, ...), then a {@code
 * correlog.properties} resource ({@code service=}, {@code version=}, ...).
 */
public final class Settings {
  public static final String RESOURCE = "correlog.properties";

  private final Function<String, String> env;
  private final Properties system;
  private final Properties resource;
  private final Map<String, String> otelAttributes;

  public Settings(Function<String, String> env, Properties system, ClassLoader loader) {
    this.env = env;
    this.system = system;
    this.resource = loadResource(loader);
    this.otelAttributes = parseAttributes(env.apply("OTEL_RESOURCE_ATTRIBUTES"));
  }

  /** Settings of this process: real environment, system properties and context class loader. */
  public static Settings ofProcess() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return new Settings(
        System::getenv, System.getProperties(), cl != null ? cl : Settings.class.getClassLoader());
  }

  public String service() {
    return first(
        env.apply("OTEL_SERVICE_NAME"), otelAttributes.get("service.name"), get("service"));
  }

  public String version() {
    return first(otelAttributes.get("service.version"), get("version"));
  }

  public String environment() {
    return first(
        otelAttributes.get("deployment.environment.name"),
        otelAttributes.get("deployment.environment"),
        get("environment"));
  }

  /** {@code correlog.<key>} from system properties, else {@code <key>} from the resource. */
  public String get(String key) {
    return first(
        blankToNull(system.getProperty("correlog." + key)), blankToNull(resource.getProperty(key)));
  }

  /**
   * Every {@code correlog.<prefix>X} system property and {@code <prefix>X} resource key, as {@code
   * X} to its value; system properties win. Used for {@code level.<logger prefix>=DEBUG}.
   */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new java.util.TreeMap<>();
    collect(resource, prefix, out);
    collect(system, "correlog." + prefix, out);
    return out;
  }

  private static void collect(Properties props, String prefix, Map<String, String> out) {
    for (String key : props.stringPropertyNames()) {
      String value = props.getProperty(key);
      if (key.startsWith(prefix)
          && key.length() > prefix.length()
          && value != null
          && !value.isBlank()) {
        out.put(key.substring(prefix.length()), value.trim());
      }
    }
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Properties loadResource(ClassLoader loader) {
    Properties p = new Properties();
    if (loader == null) {
      return p;
    }
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException | IllegalArgumentException e) {
      Reporter.once("settings.resource", "could not read " + RESOURCE, e);
    }
    return p;
  }

  /** {@code k1=v1,k2=v2}, values percent-decoded as the OpenTelemetry specification says. */
  static Map<String, String> parseAttributes(String raw) {
    if (raw == null || raw.isBlank()) {
      return Map.of();
    }
    Map<String, String> out = new java.util.HashMap<>();
    for (String pair : raw.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      try {
        value =
            java.net.URLDecoder.decode(
                value.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // keep the raw value
      }
      out.put(key, value);
    }
    return out;
  }
}
