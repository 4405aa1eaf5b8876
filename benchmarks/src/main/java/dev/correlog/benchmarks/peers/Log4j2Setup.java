package dev.correlog.benchmarks.peers;

import dev.correlog.context.TraceContext;
import java.io.OutputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.ThreadContextMapFilter;
import org.apache.logging.log4j.core.util.KeyValuePair;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * A private Log4j2 {@link LoggerContext}, configured in code (no configuration file is looked up):
 * synchronous loggers, root at INFO, one {@link OutputStreamAppender} with a {@link
 * JsonTemplateLayout} writing to the given stream, flushed after every event (the default {@code
 * immediateFlush}), directly or through an {@link AsyncAppender}.
 */
final class Log4j2Setup {
  /**
   * Correlog's envelope as a JsonTemplateLayout event template. The order fields and the message
   * come from the logged {@code StringMapMessage}, flattened into the line; the ids from the
   * ThreadContext.
   */
  static final String TEMPLATE =
      "{"
          + "\"timestamp\":{\"$resolver\":\"timestamp\",\"pattern\":"
          + "{\"format\":\"yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'\",\"timeZone\":\"UTC\"}},"
          + "\"level\":{\"$resolver\":\"level\",\"field\":\"name\"},"
          + "\"service\":\""
          + Fixture.SERVICE
          + "\","
          + "\"version\":\""
          + Fixture.VERSION
          + "\","
          + "\"trace_id\":{\"$resolver\":\"mdc\",\"key\":\"trace_id\"},"
          + "\"span_id\":{\"$resolver\":\"mdc\",\"key\":\"span_id\"},"
          + "\"request_id\":{\"$resolver\":\"mdc\",\"key\":\"request_id\"},"
          + "\"logger\":{\"$resolver\":\"logger\",\"field\":\"name\"},"
          + "\"thread\":{\"$resolver\":\"thread\",\"field\":\"name\"},"
          + "\"fields\":{\"$resolver\":\"map\",\"flatten\":true}"
          + "}";

  private Log4j2Setup() {}

  /**
   * @param dropUnsampled adds a context-wide filter denying every event while the ThreadContext's
   *     {@code trace_flags} is {@code 00}: the nearest Log4j2 has to a trace sampled out
   */
  static LoggerContext context(OutputStream out, boolean dropUnsampled) {
    LoggerContext ctx = new LoggerContext("peers");
    ctx.start(new StreamConfiguration(ctx, out, dropUnsampled, false));
    return ctx;
  }

  /**
   * As {@link #context}, through an {@link AsyncAppender} with its defaults (1024 events in an
   * {@code ArrayBlockingQueue}, one thread, {@code blocking}). What happens when the queue is full
   * is Log4j2's process-wide {@code log4j2.asyncQueueFullPolicy}: by default the caller waits.
   */
  static LoggerContext asyncContext(OutputStream out) {
    LoggerContext ctx = new LoggerContext("peers");
    ctx.start(new StreamConfiguration(ctx, out, false, true));
    return ctx;
  }

  /** Puts {@code request} in the ThreadContext, as {@link LogbackSetup#enter} does the MDC. */
  static void enter(TraceContext request) {
    ThreadContext.put(Fixture.TRACE_ID, request.traceIdHex());
    ThreadContext.put(Fixture.SPAN_ID, request.spanIdHex());
    ThreadContext.put(Fixture.REQUEST_ID, request.requestId());
    if (!request.isSampled()) {
      ThreadContext.put(Fixture.TRACE_FLAGS, "00");
    }
  }

  static void exit() {
    ThreadContext.clearMap();
  }

  /** Log4j2's way to configure in code without a configuration file or plugin lookup by name. */
  private static final class StreamConfiguration extends AbstractConfiguration {
    private final OutputStream out;
    private final boolean dropUnsampled;
    private final boolean async;

    StreamConfiguration(LoggerContext ctx, OutputStream out, boolean dropUnsampled, boolean async) {
      super(ctx, ConfigurationSource.NULL_SOURCE);
      this.out = out;
      this.dropUnsampled = dropUnsampled;
      this.async = async;
      setName("peers");
      isShutdownHookEnabled = false; // the benchmark stops the context itself
    }

    @Override
    protected void doConfigure() {
      JsonTemplateLayout layout =
          JsonTemplateLayout.newBuilder().setConfiguration(this).setEventTemplate(TEMPLATE).build();
      Appender appender =
          OutputStreamAppender.newBuilder()
              .setName("stream")
              .setConfiguration(this)
              .setLayout(layout)
              .setTarget(out)
              .build();
      appender.start();
      addAppender(appender);
      if (async) {
        appender =
            AsyncAppender.newBuilder()
                .setName("async")
                .setConfiguration(this)
                .setAppenderRefs(
                    new AppenderRef[] {AppenderRef.createAppenderRef("stream", null, null)})
                // Bounded stop: with the default (0) a stop that races the dispatcher's start
                // was seen to join it forever (Log4j2 2.26.1); 5 s is ample to drain.
                .setShutdownTimeout(5_000)
                .build();
        appender.start();
        addAppender(appender);
      }
      LoggerConfig root = getRootLogger();
      root.setLevel(Level.INFO);
      root.addAppender(appender, null, null);
      if (dropUnsampled) {
        addFilter(
            ThreadContextMapFilter.createFilter(
                new KeyValuePair[] {new KeyValuePair(Fixture.TRACE_FLAGS, "00")},
                "and",
                Filter.Result.DENY,
                Filter.Result.NEUTRAL));
      }
    }
  }
}
