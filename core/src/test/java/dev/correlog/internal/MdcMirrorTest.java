package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class MdcMirrorTest {
  private static final long TRACE_HIGH = 0x0af7651916cd43ddL;
  private static final long TRACE_LOW = 0x8448eb211c80319cL;
  private static final long SPAN = 0xb7ad6b7169203331L;

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void slf4jMdcIsLogbacks() {
    assertThat(MDC.getMDCAdapter().getClass().getName())
        .isEqualTo("ch.qos.logback.classic.util.LogbackMDCAdapter");
  }

  @Test
  void scopePutsTraceIdSpanIdFlagsAndRequestIdInTheMdc() {
    TraceContext ctx =
        TraceContext.of(TRACE_HIGH, TRACE_LOW, SPAN, 0, TraceContext.FLAG_SAMPLED, null, "req-1");
    try (Scope scope = ctx.attach()) {
      assertThat(MDC.get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(MDC.get("span_id")).isEqualTo("b7ad6b7169203331");
      assertThat(MDC.get("trace_flags")).isEqualTo("01");
      assertThat(MDC.get("request_id")).isEqualTo("req-1");
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void traceFlagsAreTheWholeFlagsByteAsTwoLowercaseHexDigits() {
    byte both = (byte) (TraceContext.FLAG_SAMPLED | TraceContext.FLAG_RANDOM);
    TraceContext ctx = TraceContext.of(TRACE_HIGH, TRACE_LOW, SPAN, 0, both, null, null);
    try (Scope scope = ctx.attach()) {
      assertThat(MDC.get("trace_flags")).isEqualTo("03");
    }
    try (Scope scope = ctx.withSampled(false).attach()) {
      assertThat(MDC.get("trace_flags")).isEqualTo("02");
    }
    assertThat(MdcMirror.flagsHex((byte) 0)).isEqualTo("00");
    assertThat(MdcMirror.flagsHex((byte) 0xab)).isEqualTo("ab");
  }

  @Test
  void anUndecidedTrace_hasNoTraceFlags_soNobodyReadsItsZeroBitAsNotSampled() {
    TraceContext undecided = TraceContext.newRoot("r");
    try (Scope outer = undecided.withSampled(true).attach()) {
      try (Scope inner = undecided.attach()) {
        assertThat(MDC.get("trace_id")).isEqualTo(undecided.traceIdHex());
        assertThat(MDC.get("trace_flags")).isNull();
      }
      assertThat(MDC.get("trace_flags")).isEqualTo("03");
    }
    try (Scope s = undecided.withSampled(false).attach()) {
      assertThat(MDC.get("trace_flags")).isEqualTo("02");
    }
  }

  @Test
  void withoutARequestIdTheTraceIdStandsInForIt() {
    TraceContext ctx = TraceContext.of(TRACE_HIGH, TRACE_LOW, SPAN, 0, (byte) 0, null, null);
    try (Scope scope = ctx.attach()) {
      assertThat(MDC.get("request_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }
  }

  @Test
  void nestedScopesRestoreTheOuterValues() {
    TraceContext outer = TraceContext.newRoot("outer");
    TraceContext inner = outer.newChild().withRequestId("inner");
    try (Scope so = outer.attach()) {
      try (Scope si = inner.attach()) {
        assertThat(MDC.get("span_id")).isEqualTo(inner.spanIdHex());
        assertThat(MDC.get("request_id")).isEqualTo("inner");
      }
      assertThat(MDC.get("trace_id")).isEqualTo(outer.traceIdHex());
      assertThat(MDC.get("span_id")).isEqualTo(outer.spanIdHex());
      assertThat(MDC.get("request_id")).isEqualTo("outer");
    }
    assertThat(MDC.get("trace_id")).isNull();
  }

  @Test
  void closingRestoresValuesTheUserHadBeforeAndLeavesOtherKeysAlone() {
    MDC.put("request_id", "user-request");
    MDC.put("trace_id", "user-trace");
    MDC.put("tenant", "acme");
    try (Scope scope = TraceContext.newRoot("ours").attach()) {
      assertThat(MDC.get("request_id")).isEqualTo("ours");
      assertThat(MDC.get("tenant")).isEqualTo("acme");
    }
    assertThat(MDC.get("request_id")).isEqualTo("user-request");
    assertThat(MDC.get("trace_id")).isEqualTo("user-trace");
    assertThat(MDC.get("span_id")).isNull();
    assertThat(MDC.get("trace_flags")).isNull();
    assertThat(MDC.get("tenant")).isEqualTo("acme");
  }

  @Test
  void outOfOrderCloseRestoresTheMdcOfBeforeTheLowestScope() {
    MDC.put("request_id", "user-request");
    try (StderrCapture err = new StderrCapture()) {
      Scope lower = TraceContext.newRoot("lower").attach();
      Scope upper = TraceContext.newRoot("upper").attach();
      lower.close();
      assertThat(MDC.get("request_id")).isEqualTo("upper");
      upper.close();
    }
    assertThat(MDC.get("request_id")).isEqualTo("user-request");
    assertThat(MDC.get("trace_id")).isNull();
  }

  @Test
  void patternLayoutAppenderPrintsTheTraceIdThroughAnSlf4jLogger() {
    LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(lc);
    encoder.setPattern("%X{trace_id} %X{span_id} %X{trace_flags} %X{request_id} %msg%n");
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(lc);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger logger = lc.getLogger("dev.correlog.internal.MdcMirrorTest.pattern");
    logger.setAdditive(false);
    logger.addAppender(appender);
    try {
      org.slf4j.Logger slf4j = LoggerFactory.getLogger(logger.getName());
      TraceContext ctx =
          TraceContext.of(TRACE_HIGH, TRACE_LOW, SPAN, 0, TraceContext.FLAG_SAMPLED, null, "r-9");
      try (Scope scope = ctx.attach()) {
        slf4j.info("inside");
      }
      slf4j.info("outside");
    } finally {
      logger.detachAppender(appender);
      appender.stop();
    }
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "0af7651916cd43dd8448eb211c80319c b7ad6b7169203331 01 r-9 inside", "    outside");
  }
}
