package dev.correlog.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.helpers.MessageFormatter;

/** Classic SLF4J calls through the real {@code LoggerFactory}, which finds this provider. */
class ClassicCallsTest {
  private final Captured captured = Captured.install();
  private final Logger log = LoggerFactory.getLogger("com.acme.Orders");

  @AfterEach
  void close() {
    MDC.clear();
    captured.close();
  }

  @Test
  void theProviderIsBound() {
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(CorrelogLoggerFactory.class);
    assertThat(MDC.getMDCAdapter()).isInstanceOf(CorrelogMdcAdapter.class);
  }

  @Test
  void aTwoPlaceholderCall_isOneLine_namedLog_withTheCurrentTraceIds() {
    TraceContext ctx = TraceContext.newRoot("req-42");
    try (Scope s = ctx.attach()) {
      log.info("order {} placed by {}", 1001, "alice");
    }
    JsonNode line = captured.single();
    assertThat(line.get("event").asText()).isEqualTo("log");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("logger").asText()).isEqualTo("com.acme.Orders");
    assertThat(line.get("message").asText()).isEqualTo("order 1001 placed by alice");
    assertThat(line.get("trace_id").asText()).isEqualTo(ctx.traceIdHex());
    assertThat(line.get("span_id").asText()).isEqualTo(ctx.spanIdHex());
    assertThat(line.get("request_id").asText()).isEqualTo("req-42");
    // the MDC mirror wrote the ids into this provider's MDC; they are not copied as fields twice
    assertThat(line.has("_trace_id")).isFalse();
  }

  @Test
  void formatting_isSlf4jsOwn() {
    Object[] self = new Object[2];
    self[0] = "x";
    self[1] = self;
    Object[][] cases = {
      {"a {} b {}", new Object[] {1, 2}},
      {
        "numbers {} {} {} {} {} {}", new Object[] {Long.MIN_VALUE, -7, (short) 3, true, 99.99, 1.5f}
      },
      {"escaped \\{} then {}", new Object[] {"x"}},
      {"double \\\\{} then {}", new Object[] {"x", "y"}},
      {"null {} arg", new Object[] {null}},
      {"arrays {} {} {}", new Object[] {new int[] {1, 2}, new String[] {"a", null}, self}},
      {"too few {} {} {}", new Object[] {"only"}},
      {"too many {}", new Object[] {"a", "b", "c"}},
      {"no placeholders", new Object[] {"a"}},
      {"{}{}{}", new Object[] {"a", "b", "c", "d"}},
      {
        "bad {}",
        new Object[] {
          new Object() {
            @Override
            public String toString() {
              throw new IllegalStateException("no");
            }
          }
        }
      },
    };
    for (Object[] c : cases) {
      String pattern = (String) c[0];
      Object[] args = (Object[]) c[1];
      if (args.length == 1) {
        log.info(pattern, args[0]);
      } else if (args.length == 2) {
        log.info(pattern, args[0], args[1]);
      } else {
        log.info(pattern, args);
      }
      String expected = MessageFormatter.arrayFormat(pattern, args).getMessage();
      assertThat(captured.single().get("message").asText()).as(pattern).isEqualTo(expected);
    }
  }

  @Test
  void aTrailingThrowable_isTheError_notAnArgument() {
    IllegalStateException boom = new IllegalStateException("boom");
    log.warn("failed {} for {}", "order", 7, boom);
    JsonNode line = captured.single();
    assertThat(line.get("message").asText()).isEqualTo("failed order for 7");
    assertThat(line.get("error").toString()).contains("IllegalStateException", "boom");

    log.error("failed {}", "once", boom);
    line = captured.single();
    assertThat(line.get("message").asText()).isEqualTo("failed once");
    assertThat(line.get("error").toString()).contains("boom");

    log.error("no placeholder", boom);
    assertThat(captured.single().get("error").toString()).contains("boom");

    log.error("only the throwable {}", (Object) boom);
    line = captured.single();
    assertThat(line.get("message").asText()).isEqualTo("only the throwable {}");
    assertThat(line.get("error").toString()).contains("boom");
  }

  @Test
  void markersAndMdc_becomeFields_keysKeptAsUsersNameThem() {
    MDC.put("tenantId", "acme");
    MDC.put("http.method", "POST");
    log.info(MarkerFactory.getMarker("AUDIT"), "audited {}", 1);
    JsonNode line = captured.single();
    assertThat(line.get("marker").asText()).isEqualTo("AUDIT");
    assertThat(line.get("tenantId").asText()).isEqualTo("acme");
    assertThat(line.get("http.method").asText()).isEqualTo("POST");
  }

  @Test
  void aMarkerWithReferences_isWrittenAsItsNamesJoined_eachOnce() {
    Marker pii = MarkerFactory.getDetachedMarker("PII");
    Marker audit = MarkerFactory.getDetachedMarker("AUDIT");
    audit.add(pii);
    audit.add(MarkerFactory.getDetachedMarker("SECURITY"));
    Marker again = MarkerFactory.getDetachedMarker("AUDIT");
    audit.add(again); // a second marker of the same name: written once
    log.info(audit, "audited {}", 1);
    assertThat(captured.single().get("marker").asText()).isEqualTo("AUDIT,PII,SECURITY");

    log.info(pii, "plain {}", 2); // the same thread's buffer, reused: nothing of the last call
    assertThat(captured.single().get("marker").asText()).isEqualTo("PII");
    log.info(audit, "audited {}", 3);
    assertThat(captured.single().get("marker").asText()).isEqualTo("AUDIT,PII,SECURITY");
  }

  @Test
  void anArgumentWhoseToStringLogs_doesNotOverwriteTheOuterMessage() {
    Object nested =
        new Object() {
          @Override
          public String toString() {
            log.info("inner {} {}", "message", 2);
            return "nested";
          }
        };
    log.info("outer {} and {}", "start", nested);
    var lines = captured.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("message").asText()).isEqualTo("inner message 2");
    assertThat(lines.get(1).get("message").asText()).isEqualTo("outer start and nested");
  }

  @Test
  void nullsNeverThrow() {
    log.info((String) null);
    log.info(null, 1, 2);
    log.info("x {}", (Object) null);
    MDC.put("k", null);
    log.info("with a null MDC value");
    assertThat(captured.lines()).hasSize(4);
  }

  @Test
  void isDebugEnabled_isTruthful_andFollowsRunTimeChanges() {
    assertThat(log.isDebugEnabled()).isFalse();
    log.debug("dropped {}", 1);
    assertThat(captured.sink.size()).isZero();

    captured.correlog.sampling().level("com.acme", dev.correlog.Level.DEBUG);
    assertThat(log.isDebugEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("com.other.X").isDebugEnabled()).isFalse();
    log.debug("kept {}", 1);
    assertThat(captured.single().get("level").asText()).isEqualTo("DEBUG");

    captured.correlog.sampling().level("com.acme.Orders", dev.correlog.Level.ERROR);
    assertThat(log.isWarnEnabled()).isFalse();
    assertThat(log.isErrorEnabled()).isTrue();
  }

  @Test
  void aSampledOutCall_neverFormats() {
    Captured sampled = new Captured(Captured.builder().headRatio(0.0));
    try {
      AtomicInteger calls = new AtomicInteger();
      Object expensive =
          new Object() {
            @Override
            public String toString() {
              calls.incrementAndGet();
              return "expensive";
            }
          };
      try (Scope s = sampled.correlog.decide(TraceContext.newRoot()).attach()) {
        log.info("{}", expensive);
        log.info("{} {}", expensive, expensive);
        log.info("{} {} {}", expensive, expensive, expensive);
        log.atInfo().setMessage("{}").addArgument(expensive).log();
        log.debug("{}", expensive); // below the level
        log.warn("{}", expensive); // WARN is always kept
      }
      assertThat(calls.get()).isEqualTo(1);
      assertThat(sampled.lines()).hasSize(1);
      assertThat(sampled.correlog.counters().sampledOut()).isEqualTo(4);
    } finally {
      sampled.close();
    }
  }

  @Test
  void anInstanceInstalledLater_isUsed_byLoggersThatAlreadyExist() {
    log.info("first");
    assertThat(captured.lines()).hasSize(1);
    Captured later = Captured.install();
    try {
      log.info("second");
      assertThat(later.lines()).hasSize(1);
      assertThat(captured.lines()).hasSize(1);
    } finally {
      later.close();
    }
  }
}
