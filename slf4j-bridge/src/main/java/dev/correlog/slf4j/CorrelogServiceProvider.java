package dev.correlog.slf4j;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider: found by SLF4J through {@code META-INF/services}, so putting {@code
 * correlog-slf4j} on the class path is the whole set-up. Every logger writes through {@link
 * dev.correlog.Correlog#global()}: install your instance with {@code Correlog.install(..)}, or let
 * it be built from the environment (service, version, levels: the core's settings).
 *
 * <p>Settings of the provider itself, read once at start ({@code -Dcorrelog.slf4j.<key>} or {@code
 * slf4j.<key>=} in {@code correlog.properties}): {@code event}, the event name of calls that give
 * none ({@code log}); {@code mdc}, the MDC keys written as fields ({@code *}, {@code none} or a
 * comma-separated list).
 */
public final class CorrelogServiceProvider implements SLF4JServiceProvider {
  /** The SLF4J API version this provider is compiled against. */
  public static final String REQUESTED_API_VERSION = "2.0.99";

  private ILoggerFactory loggerFactory;
  private IMarkerFactory markerFactory;
  private MDCAdapter mdcAdapter;

  /** Called by SLF4J's service loader; {@link #initialize()} does the work. */
  public CorrelogServiceProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return REQUESTED_API_VERSION;
  }

  @Override
  public void initialize() {
    CorrelogMdcAdapter mdc = new CorrelogMdcAdapter();
    this.mdcAdapter = mdc;
    this.markerFactory = new BasicMarkerFactory();
    this.loggerFactory = new CorrelogLoggerFactory(BridgeConfig.fromSettings(mdc));
  }
}
