package dev.correlog.benchmarks.peers;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.MDCFilter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.correlog.context.TraceContext;
import java.io.OutputStream;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * A private Logback {@link LoggerContext} (never the global one), root at INFO, one {@link
 * OutputStreamAppender} with the given encoder writing to the given stream, flushed after every
 * event (Logback's default {@code immediateFlush}), directly or through an {@link AsyncAppender}.
 */
final class LogbackSetup {
  private LogbackSetup() {}

  /**
   * @param dropUnsampled adds a turbo filter denying every event while the MDC's {@code
   *     trace_flags} is {@code 00}: the nearest Logback has to a trace sampled out
   */
  static LoggerContext context(
      OutputStream out,
      Function<LoggerContext, Encoder<ILoggingEvent>> encoder,
      boolean dropUnsampled) {
    LoggerContext ctx = newContext();
    if (dropUnsampled) {
      MDCFilter filter = new MDCFilter();
      filter.setContext(ctx);
      filter.setMDCKey(Fixture.TRACE_FLAGS);
      filter.setValue("00");
      filter.setOnMatch("DENY");
      filter.start();
      ctx.addTurboFilter(filter);
    }
    return attach(ctx, streamAppender(ctx, out, encoder));
  }

  /**
   * As {@link #context}, through an {@link AsyncAppender} with its defaults (256 events, one worker
   * thread, blocking when full) but for {@code discardingThreshold}: -1 keeps Logback's default
   * (INFO and lower are discarded once the queue is 80% full), 0 discards nothing.
   */
  static LoggerContext asyncContext(
      OutputStream out,
      Function<LoggerContext, Encoder<ILoggingEvent>> encoder,
      int discardingThreshold) {
    LoggerContext ctx = newContext();
    AsyncAppender async = new AsyncAppender();
    async.setContext(ctx);
    async.setName("async");
    if (discardingThreshold >= 0) {
      async.setDiscardingThreshold(discardingThreshold);
    }
    async.addAppender(streamAppender(ctx, out, encoder));
    async.start();
    return attach(ctx, async);
  }

  private static LoggerContext newContext() {
    LoggerContext ctx = new LoggerContext();
    ctx.setName("peers");
    // A private context has no MDC adapter; share the one org.slf4j.MDC writes to.
    ctx.setMDCAdapter(MDC.getMDCAdapter());
    return ctx;
  }

  private static Appender<ILoggingEvent> streamAppender(
      LoggerContext ctx,
      OutputStream out,
      Function<LoggerContext, Encoder<ILoggingEvent>> encoder) {
    Encoder<ILoggingEvent> enc = encoder.apply(ctx);
    enc.setContext(ctx);
    enc.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(ctx);
    appender.setName("stream");
    appender.setEncoder(enc);
    appender.setOutputStream(out);
    appender.start();
    return appender;
  }

  private static LoggerContext attach(LoggerContext ctx, Appender<ILoggingEvent> appender) {
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
    ctx.start();
    return ctx;
  }

  /**
   * Puts {@code request} in the MDC as OpenTelemetry's Logback MDC instrumentation does, plus the
   * request id; {@code trace_flags} only for a request not sampled (the filter's key).
   */
  static void enter(TraceContext request) {
    MDC.put(Fixture.TRACE_ID, request.traceIdHex());
    MDC.put(Fixture.SPAN_ID, request.spanIdHex());
    MDC.put(Fixture.REQUEST_ID, request.requestId());
    if (!request.isSampled()) {
      MDC.put(Fixture.TRACE_FLAGS, "00");
    }
  }

  static void exit() {
    MDC.clear();
  }
}
