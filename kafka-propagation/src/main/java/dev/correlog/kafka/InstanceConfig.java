package dev.correlog.kafka;

import dev.correlog.Correlog;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@link Correlog} an interceptor named in {@code interceptor.classes} uses: the one given
 * under {@value #KEY} in the client's configuration (the instance itself, or the name it was
 * registered under with {@link CorrelogProducerInterceptor#register}), else {@link
 * Correlog#global()}.
 */
final class InstanceConfig {
  static final String KEY = "correlog.instance";

  private static final Map<String, Correlog> NAMED = new ConcurrentHashMap<>();

  private InstanceConfig() {}

  static void register(String name, Correlog correlog) {
    NAMED.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(correlog, "correlog"));
  }

  static void unregister(String name) {
    NAMED.remove(name);
  }

  /**
   * @throws IllegalArgumentException at configuration time, when the key names no registered
   *     instance or holds something else
   */
  static Correlog resolve(Map<String, ?> configs) {
    Object value = configs == null ? null : configs.get(KEY);
    if (value == null) {
      return Correlog.global();
    }
    if (value instanceof Correlog) {
      return (Correlog) value;
    }
    if (value instanceof String) {
      Correlog named = NAMED.get(value);
      if (named != null) {
        return named;
      }
      throw new IllegalArgumentException(
          KEY
              + "="
              + value
              + " names no Correlog instance; register it first with"
              + " CorrelogProducerInterceptor.register(\""
              + value
              + "\", correlog)");
    }
    throw new IllegalArgumentException(
        KEY + " must be a Correlog instance or a registered name, was " + value.getClass());
  }
}
