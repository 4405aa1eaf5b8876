package dev.correlog.benchmarks.peers;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.MDCFilter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.correlog.context.TraceContext;
import java.io.OutputStream;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * A private Logback {@link LoggerContext} (never the global one), root at INFO, one {@link
 * OutputStreamAppender} with the given encoder writing to the given stream, flushed after every
 * event (Logback's default {@code immediateFlush}).
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
    LoggerContext ctx = new LoggerContext();
    ctx.setName("peers");
    // A private context has no MDC adapter; share the one org.slf4j.MDC writes to.
    ctx.setMDCAdapter(MDC.getMDCAdapter());
    if (dropUnsampled) {
      MDCFilter filter = new MDCFilter();
      filter.setContext(ctx);
      filter.setMDCKey(Fixture.TRACE_FLAGS);
      filter.setValue("00");
      filter.setOnMatch("DENY");
      filter.start();
      ctx.addTurboFilter(filter);
    }
    Encoder<ILoggingEvent> enc = encoder.apply(ctx);
    enc.setContext(ctx);
    enc.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(ctx);
    appender.setName("discard");
    appender.setEncoder(enc);
    appender.setOutputStream(out);
    appender.start();
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
