package dev.correlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.correlog.Correlog;
import dev.correlog.EventEncoder;
import dev.correlog.FieldNamePolicy;
import dev.correlog.Level;
import dev.correlog.schema.SchemaMode;
import dev.correlog.sink.Sinks;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A Logback encoder writing each event as one Correlog line: the same envelope and field rules as
 * Correlog's own events, through {@link Correlog#encoder()}.
 *
 * <pre>{@code
 * <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="dev.correlog.logback.CorrelogEncoder">
 *     <service>order-service</service>
 *     <version>1.4.2</version>
 *   </encoder>
 * </appender>
 * }</pre>
 *
 * <p>Written from the event: its own timestamp and thread, logger, level, formatted message,
 * key-value pairs (an {@code event} pair names the event, else {@code log}), MDC entries (all, or
 * {@code mdcKeys}), markers ({@code marker}) and the throwable with its causes and suppressed ones.
 * The trace fields come from the MDC Logback captured on the logging thread ({@code trace_id},
 * {@code span_id}, {@code trace_flags}, {@code request_id}: Correlog's MDC mirror writes them for
 * every scope, and so does OpenTelemetry's Logback MDC instrumentation), so they are right behind
 * an {@code AsyncAppender} too; without them, the encoding thread's current context is used.
 *
 * <p>Settings: {@code service}, {@code version}, {@code environment}, {@code schemaMode} ({@code
 * LENIENT}/{@code STRICT}; an encoded line never throws: violations are written as {@code
 * schema_errors}), {@code mdcKeys} ({@code *}, {@code none} or a comma-separated list), {@code
 * fieldNames} ({@code KEEP}, the default, or {@code SNAKE_CASE}) and {@code event} (the default
 * event name). Without {@code service} and {@code version}, lines are written by the process-wide
 * {@link Correlog#global()} (its schemas and settings), read for every event.
 */
public class CorrelogEncoder extends EncoderBase<ILoggingEvent> {
  private String service;
  private String version;
  private String environment;
  private SchemaMode schemaMode;
  private String[] mdcKeys; // null: all
  private FieldNamePolicy fieldNames = FieldNamePolicy.KEEP;
  private String event = "log";
  private volatile EventEncoder own; // built at start() when service and version are given
  private final MdcContext contexts = new MdcContext();

  /** Creates an encoder; Logback calls the setters, then {@link #start()}. */
  public CorrelogEncoder() {}

  @Override
  public void start() {
    if (service != null || version != null) {
      try {
        Correlog.Builder b = Correlog.builder().sink(Sinks.discarding());
        if (service != null) {
          b.service(service);
        }
        if (version != null) {
          b.version(version);
        }
        if (environment != null) {
          b.environment(environment);
        }
        if (schemaMode != null) {
          b.schemaMode(schemaMode);
        }
        own = b.build().encoder();
      } catch (RuntimeException e) {
        addError("CorrelogEncoder: " + e.getMessage() + "; writing with Correlog.global()", e);
      }
    }
    super.start();
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent e) {
    try {
      return line(e).toBytes();
    } catch (RuntimeException ex) {
      addError("CorrelogEncoder could not encode an event", ex);
      return new byte[0];
    }
  }

  private EventEncoder.Line line(ILoggingEvent e) {
    EventEncoder encoder = own != null ? own : Correlog.global().encoder();
    List<KeyValuePair> pairs = e.getKeyValuePairs();
    String name = event;
    int pairCount = pairs == null ? 0 : pairs.size();
    for (int i = 0; i < pairCount; i++) { // by index: no iterator per event
      KeyValuePair p = pairs.get(i);
      if ("event".equals(p.key) && p.value != null) {
        name = String.valueOf(p.value);
      }
    }
    Map<String, String> mdc = e.getMDCPropertyMap();
    EventEncoder.Line line =
        encoder.begin(level(e), name, e.getLoggerName(), contexts.of(mdc)).fieldNames(fieldNames);
    Instant at = e.getInstant();
    if (at != null) {
      line.timestampMicros(at.getEpochSecond() * 1_000_000L + at.getNano() / 1000);
    }
    line.thread(e.getThreadName());
    for (int i = 0; i < pairCount; i++) {
      KeyValuePair p = pairs.get(i);
      if (!"event".equals(p.key)) {
        line.field(p.key, p.value);
      }
    }
    writeMdc(line, mdc);
    List<Marker> markers = e.getMarkerList();
    if (markers != null && !markers.isEmpty()) {
      MarkerNames.field(line, markers);
    }
    line.message(e.getFormattedMessage());
    IThrowableProxy proxy = e.getThrowableProxy();
    if (proxy instanceof ThrowableProxy && ((ThrowableProxy) proxy).getThrowable() != null) {
      line.error(((ThrowableProxy) proxy).getThrowable());
    } else if (proxy != null) { // deserialized: only the proxy is left
      line.field("exception", ThrowableProxyUtil.asString(proxy));
    }
    return line;
  }

  private void writeMdc(EventEncoder.Line line, Map<String, String> mdc) {
    if (mdc == null || mdc.isEmpty()) {
      return;
    }
    if (mdcKeys != null) {
      for (String key : mdcKeys) {
        String value = mdc.get(key);
        if (value != null) {
          line.field(key, value);
        }
      }
      return;
    }
    MdcFields.write(line, mdc);
  }

  private static Level level(ILoggingEvent e) {
    int l = e.getLevel() == null ? 20000 : e.getLevel().toInt();
    return l >= 40000
        ? Level.ERROR
        : l >= 30000
            ? Level.WARN
            : l >= 20000 ? Level.INFO : l >= 10000 ? Level.DEBUG : Level.TRACE;
  }

  /** The {@code service} field; with {@code version}, this encoder builds its own instance. */
  public void setService(String service) {
    this.service = blankToNull(service);
  }

  /** The {@code version} field. */
  public void setVersion(String version) {
    this.version = blankToNull(version);
  }

  /** The {@code environment} field. */
  public void setEnvironment(String environment) {
    this.environment = blankToNull(environment);
  }

  /** {@code LENIENT} (the default) or {@code STRICT}; an unknown value is reported and ignored. */
  public void setSchemaMode(String mode) {
    try {
      this.schemaMode = SchemaMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      addError("CorrelogEncoder: unknown schemaMode '" + mode + "'");
    }
  }

  /** Which MDC entries become fields: {@code *} (all, the default), {@code none}, or a list. */
  public void setMdcKeys(String keys) {
    String k = keys == null ? "*" : keys.trim();
    if (k.isEmpty() || k.equals("*")) {
      mdcKeys = null;
    } else if (k.equalsIgnoreCase("none")) {
      mdcKeys = new String[0];
    } else {
      mdcKeys =
          java.util.Arrays.stream(k.split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty() && !MdcContext.isContextKey(s))
              .toArray(String[]::new);
    }
  }

  /** {@code KEEP} (names as given, the default) or {@code SNAKE_CASE}. */
  public void setFieldNames(String policy) {
    try {
      FieldNamePolicy p = FieldNamePolicy.valueOf(policy.trim().toUpperCase(Locale.ROOT));
      if (p == FieldNamePolicy.STRICT) {
        addError("CorrelogEncoder: fieldNames STRICT would drop names; using KEEP");
      } else {
        this.fieldNames = p;
      }
    } catch (RuntimeException e) {
      addError("CorrelogEncoder: unknown fieldNames '" + policy + "'");
    }
  }

  /** The event name of events without an {@code event} key-value pair ({@code log}). */
  public void setEvent(String event) {
    this.event = blankToNull(event) == null ? "log" : event.trim();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
