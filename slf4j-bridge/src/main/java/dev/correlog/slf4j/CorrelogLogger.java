package dev.correlog.slf4j;

import dev.correlog.Correlog;
import dev.correlog.EventBuilder;
import dev.correlog.EventLogger;
import dev.correlog.FieldNamePolicy;
import dev.correlog.Level;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * An SLF4J logger writing Correlog events. The Correlog instance is {@link Correlog#global()}, read
 * on every call (applications install theirs after static loggers exist); the {@link EventLogger}
 * of that instance is cached. The level check comes first, then sampling, and only then is the
 * message formatted.
 */
final class CorrelogLogger extends LoggerMethods implements LoggingEventAware {
  private final String name;
  private final BridgeConfig config;
  private Bound bound; // immutable, so a racy read sees a whole pair

  private static final class Bound {
    final Correlog owner;
    final EventLogger logger;

    Bound(Correlog owner, EventLogger logger) {
      this.owner = owner;
      this.logger = logger;
    }
  }

  CorrelogLogger(String name, BridgeConfig config) {
    this.name = name;
    this.config = config;
  }

  @Override
  public String getName() {
    return name;
  }

  private EventLogger target() {
    Correlog owner = Correlog.global();
    Bound b = bound;
    if (b == null || b.owner != owner) {
      b = new Bound(owner, owner.logger(name));
      bound = b;
    }
    return b.logger;
  }

  @Override
  boolean enabled(Level level) {
    return target().isEnabled(level);
  }

  @Override
  void log0(Level level, Marker marker, String msg, Throwable t) {
    EventLogger logger = target();
    if (!logger.isEnabled(level)) {
      return; // one volatile read; below-level SLF4J calls are not counted as disabled
    }
    EventBuilder e = logger.at(level, config.defaultEvent(), null);
    if (e.isEnabled()) {
      finish(start(e, marker), msg, t);
    }
  }

  @Override
  void log2(Level level, Marker marker, String format, int count, Object a, Object b) {
    EventLogger logger = target();
    if (!logger.isEnabled(level)) {
      return; // one volatile read; below-level SLF4J calls are not counted as disabled
    }
    EventBuilder e = logger.at(level, config.defaultEvent(), null);
    if (!e.isEnabled()) {
      return; // nothing formatted: a sampled-out call never calls toString()
    }
    Object last = count == 2 ? b : a;
    Throwable t = null;
    if (last instanceof Throwable) {
      t = (Throwable) last;
      count--;
    }
    start(e, marker);
    finish(e, format == null ? null : Formatter.format(format, count, a, b, null), t);
  }

  @Override
  void logN(Level level, Marker marker, String format, Object[] args) {
    EventLogger logger = target();
    if (!logger.isEnabled(level)) {
      return; // one volatile read; below-level SLF4J calls are not counted as disabled
    }
    EventBuilder e = logger.at(level, config.defaultEvent(), null);
    if (e.isEnabled()) {
      start(e, marker);
      formatted(e, format, args, null);
    }
  }

  /** The fluent API: {@code log.atInfo().addKeyValue("event", "order.placed")...log()}. */
  @Override
  public void log(LoggingEvent event) {
    Level level = Levels.of(event.getLevel());
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    String eventName = config.defaultEvent();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        if ("event".equals(p.key) && p.value != null) {
          eventName = String.valueOf(p.value);
        }
      }
    }
    EventBuilder e = target().at(level, eventName, null);
    if (!e.isEnabled()) {
      return;
    }
    e.fieldNames(FieldNamePolicy.KEEP);
    if (event.getTimeStamp() > 0) {
      e.timestampMicros(event.getTimeStamp() * 1000L);
    }
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        if (!"event".equals(p.key)) {
          e.field(p.key, p.value);
        }
      }
    }
    List<Marker> markers = event.getMarkers();
    if (markers != null && !markers.isEmpty()) {
      Markers.field(e, markers);
    }
    mdc(e);
    formatted(e, event.getMessage(), event.getArgumentArray(), event.getThrowable());
  }

  /**
   * Fluent calls get the provider's reusable builder instead of SLF4J's, which allocates an event,
   * a list and a pair per key on every call. Only called for an enabled level.
   */
  @Override
  public LoggingEventBuilder makeLoggingEventBuilder(org.slf4j.event.Level level) {
    return FluentBuilder.acquire(this, Levels.of(level));
  }

  /** The fluent call through {@link FluentBuilder}: the same line as {@link #log(LoggingEvent)}. */
  void logFluent(FluentBuilder b) {
    String[] keys = b.keys;
    Object[] values = b.values;
    int pairs = b.pairCount;
    String eventName = config.defaultEvent();
    for (int i = 0; i < pairs; i++) {
      if ("event".equals(keys[i]) && values[i] != null) {
        eventName = String.valueOf(values[i]);
      }
    }
    EventBuilder e = target().at(b.level, eventName, null);
    if (!e.isEnabled()) {
      return;
    }
    e.fieldNames(FieldNamePolicy.KEEP);
    for (int i = 0; i < pairs; i++) {
      if (!"event".equals(keys[i])) {
        e.field(keys[i], values[i]);
      }
    }
    if (b.markerCount > 0) {
      Markers.field(e, b.markers, b.markerCount);
    }
    mdc(e);
    formatted(e, b.message, b.args, b.argCount, b.cause);
  }

  private EventBuilder start(EventBuilder e, Marker marker) {
    e.fieldNames(FieldNamePolicy.KEEP);
    if (marker != null) {
      Markers.field(e, marker);
    }
    mdc(e);
    return e;
  }

  private void formatted(EventBuilder e, String format, Object[] args, Throwable t) {
    formatted(e, format, args, args == null ? 0 : args.length, t);
  }

  private void formatted(EventBuilder e, String format, Object[] args, int count, Throwable t) {
    if (t == null && count > 0 && args[count - 1] instanceof Throwable) {
      t = (Throwable) args[count - 1];
      count--;
    }
    CharSequence message =
        format == null || count == 0
            ? format
            : Formatter.format(
                format, count, args[0], count > 1 ? args[1] : null, count > 2 ? args : null);
    finish(e, message, t);
  }

  private static void finish(EventBuilder e, CharSequence message, Throwable t) {
    try {
      e.message(message).error(t).emit();
    } catch (RuntimeException ex) {
      // strict schema mode is the only thrower, and KEEP events never throw there
    } finally {
      if (message instanceof StringBuilder) {
        Formatter.release(message);
      }
    }
  }

  private void mdc(EventBuilder e) {
    Map<String, String> map = config.mdc().current();
    if (map == null || map.isEmpty()) {
      return;
    }
    String[] only = config.mdcKeys();
    if (only != null) {
      for (String key : only) {
        String value = map.get(key);
        if (value != null) {
          e.field(key, value);
        }
      }
      return;
    }
    for (Iterator<Map.Entry<String, String>> it = map.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, String> entry = it.next();
      if (!BridgeConfig.isMirrorKey(entry.getKey())) {
        e.field(entry.getKey(), entry.getValue());
      }
    }
  }
}
