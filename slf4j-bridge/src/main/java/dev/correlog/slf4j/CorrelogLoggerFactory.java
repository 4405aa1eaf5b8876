package dev.correlog.slf4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** One {@link CorrelogLogger} per name. */
final class CorrelogLoggerFactory implements ILoggerFactory {
  private final ConcurrentMap<String, CorrelogLogger> loggers = new ConcurrentHashMap<>();
  private final BridgeConfig config;

  CorrelogLoggerFactory(BridgeConfig config) {
    this.config = config;
  }

  @Override
  public Logger getLogger(String name) {
    String n = name == null || name.isEmpty() ? Logger.ROOT_LOGGER_NAME : name;
    CorrelogLogger existing = loggers.get(n);
    return existing != null
        ? existing
        : loggers.computeIfAbsent(n, k -> new CorrelogLogger(k, config));
  }
}
