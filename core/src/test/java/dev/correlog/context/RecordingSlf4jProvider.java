package dev.correlog.context;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider with an MDC adapter of its own that records every call, as Correlog's SLF4J
 * provider will own its adapter: selected in a child JVM with {@code -Dslf4j.provider}.
 */
public final class RecordingSlf4jProvider implements SLF4JServiceProvider {
  static final List<String> CALLS = new CopyOnWriteArrayList<>();

  private final MDCAdapter mdc =
      new BasicMDCAdapter() {
        @Override
        public void put(String key, String val) {
          CALLS.add("put " + key + "=" + val);
          super.put(key, val);
        }

        @Override
        public void remove(String key) {
          CALLS.add("remove " + key);
          super.remove(key);
        }
      };

  @Override
  public ILoggerFactory getLoggerFactory() {
    return new NOPLoggerFactory();
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return new BasicMarkerFactory();
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}
}
