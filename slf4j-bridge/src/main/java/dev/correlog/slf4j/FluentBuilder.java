package dev.correlog.slf4j;

import dev.correlog.Level;
import java.util.Arrays;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.spi.CallerBoundaryAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The provider's own {@link LoggingEventBuilder}, reused per thread, so that a fluent call ({@code
 * log.atInfo().addKeyValue(...).log(...)}) allocates nothing: SLF4J's default builder makes a
 * builder, an event, a key-value list and one pair per key on every call. Only handed out when the
 * level is enabled. A builder in use on the thread (an argument's {@code toString()} that logs, or
 * a builder kept and never logged) is not shared: the next call then gets a new one. Suppliers are
 * called when given, as SLF4J's default builder calls them.
 */
final class FluentBuilder implements LoggingEventBuilder, CallerBoundaryAware {
  private static final ThreadLocal<FluentBuilder> OWN = ThreadLocal.withInitial(FluentBuilder::new);

  private final boolean pooled;
  private boolean busy;
  CorrelogLogger logger;
  Level level;
  Throwable cause;
  String message;
  Marker[] markers = new Marker[2];
  int markerCount;
  Object[] args = new Object[4];
  int argCount;
  String[] keys = new String[8];
  Object[] values = new Object[8];
  int pairCount;

  private FluentBuilder() {
    this(true);
  }

  private FluentBuilder(boolean pooled) {
    this.pooled = pooled;
  }

  /** The thread's builder, or a new one when the thread's is in use. */
  static FluentBuilder acquire(CorrelogLogger logger, Level level) {
    FluentBuilder b = OWN.get();
    if (b.busy) {
      b = new FluentBuilder(false);
    }
    b.busy = true;
    b.logger = logger;
    b.level = level;
    return b;
  }

  @Override
  public LoggingEventBuilder setCause(Throwable cause) {
    this.cause = cause;
    return this;
  }

  @Override
  public LoggingEventBuilder addMarker(Marker marker) {
    if (markerCount == markers.length) {
      markers = Arrays.copyOf(markers, markerCount * 2);
    }
    markers[markerCount++] = marker;
    return this;
  }

  @Override
  public LoggingEventBuilder addArgument(Object p) {
    if (argCount == args.length) {
      args = Arrays.copyOf(args, argCount * 2);
    }
    args[argCount++] = p;
    return this;
  }

  @Override
  public LoggingEventBuilder addArgument(Supplier<?> objectSupplier) {
    return addArgument(objectSupplier.get());
  }

  @Override
  public LoggingEventBuilder addKeyValue(String key, Object value) {
    if (pairCount == keys.length) {
      keys = Arrays.copyOf(keys, pairCount * 2);
      values = Arrays.copyOf(values, pairCount * 2);
    }
    keys[pairCount] = key;
    values[pairCount++] = value;
    return this;
  }

  @Override
  public LoggingEventBuilder addKeyValue(String key, Supplier<Object> valueSupplier) {
    return addKeyValue(key, valueSupplier.get());
  }

  @Override
  public LoggingEventBuilder setMessage(String message) {
    this.message = message;
    return this;
  }

  @Override
  public LoggingEventBuilder setMessage(Supplier<String> messageSupplier) {
    this.message = messageSupplier.get();
    return this;
  }

  @Override
  public void setCallerBoundary(String fqcn) {
    // Correlog lines carry no caller location.
  }

  @Override
  public void log() {
    if (logger == null) {
      return; // logged twice: the first call wrote the line and cleared the builder
    }
    try {
      logger.logFluent(this);
    } finally {
      release();
    }
  }

  @Override
  public void log(String message) {
    this.message = message;
    log();
  }

  @Override
  public void log(String message, Object arg) {
    this.message = message;
    addArgument(arg);
    log();
  }

  @Override
  public void log(String message, Object arg0, Object arg1) {
    this.message = message;
    addArgument(arg0);
    addArgument(arg1);
    log();
  }

  @Override
  public void log(String message, Object... args) {
    this.message = message;
    if (args != null) {
      for (Object a : args) {
        addArgument(a);
      }
    }
    log();
  }

  @Override
  public void log(Supplier<String> messageSupplier) {
    this.message = messageSupplier == null ? null : messageSupplier.get();
    log();
  }

  /** Clears every reference (nothing of this call stays reachable) and frees the builder. */
  private void release() {
    Arrays.fill(args, 0, argCount, null);
    Arrays.fill(keys, 0, pairCount, null);
    Arrays.fill(values, 0, pairCount, null);
    Arrays.fill(markers, 0, markerCount, null);
    argCount = 0;
    pairCount = 0;
    markerCount = 0;
    cause = null;
    message = null;
    logger = null;
    if (args.length > 64) {
      args = new Object[4];
    }
    if (keys.length > 64) {
      keys = new String[8];
      values = new Object[8];
    }
    busy = !pooled; // a builder made because the thread's was busy is never handed out again
  }
}
