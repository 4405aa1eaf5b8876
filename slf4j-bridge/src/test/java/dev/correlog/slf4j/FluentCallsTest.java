package dev.correlog.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** The fluent API: key-value pairs arrive typed, {@code event} names the event. */
class FluentCallsTest {
  private final Captured captured = Captured.install();
  private final Logger log = LoggerFactory.getLogger("com.acme.Orders");

  @AfterEach
  void close() {
    captured.close();
  }

  @Test
  void keyValuePairs_areTypedFields_andEventNamesTheEvent() {
    TraceContext ctx = TraceContext.newRoot();
    try (Scope s = ctx.attach()) {
      log.atInfo()
          .setMessage("order placed")
          .addKeyValue("event", "order.placed")
          .addKeyValue("user_id", 12345)
          .addKeyValue("userId", 7L)
          .addKeyValue("http.method", "POST")
          .addKeyValue("amount", 99.5)
          .addKeyValue("vip", true)
          .addKeyValue("level", "not the envelope's")
          .addMarker(MarkerFactory.getMarker("AUDIT"))
          .log();
    }
    JsonNode line = captured.single();
    assertThat(line.get("event").asText()).isEqualTo("order.placed");
    assertThat(line.get("user_id").isIntegralNumber()).isTrue();
    assertThat(line.get("user_id").asInt()).isEqualTo(12345);
    assertThat(line.get("userId").asLong()).isEqualTo(7L);
    assertThat(line.get("http.method").asText()).isEqualTo("POST");
    assertThat(line.get("amount").asDouble()).isEqualTo(99.5);
    assertThat(line.get("vip").asBoolean()).isTrue();
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("_level").asText()).isEqualTo("not the envelope's");
    assertThat(line.get("marker").asText()).isEqualTo("AUDIT");
    assertThat(line.get("message").asText()).isEqualTo("order placed");
    assertThat(line.get("trace_id").asText()).isEqualTo(ctx.traceIdHex());
    assertThat(line.has("event_")).isFalse();
  }

  @Test
  void severalMarkers_areJoined_aNameSharedByTwoWrittenOnce() {
    Marker shared = MarkerFactory.getDetachedMarker("PII");
    Marker audit = MarkerFactory.getDetachedMarker("AUDIT");
    audit.add(shared);
    Marker billing = MarkerFactory.getDetachedMarker("BILLING");
    billing.add(shared);
    log.atInfo().addMarker(audit).addMarker(billing).log("two markers");
    assertThat(captured.single().get("marker").asText()).isEqualTo("AUDIT,PII,BILLING");

    log.atInfo().addMarker(billing).log("one marker with a reference");
    assertThat(captured.single().get("marker").asText()).isEqualTo("BILLING,PII");
  }

  @Test
  void argumentsAndCause_areFormattedAndRecorded() {
    log.atWarn()
        .setMessage("retry {} of {}")
        .addArgument(2)
        .addArgument(3)
        .setCause(new IllegalStateException("timeout"))
        .log();
    JsonNode line = captured.single();
    assertThat(line.get("message").asText()).isEqualTo("retry 2 of 3");
    assertThat(line.get("error").toString()).contains("timeout");
    assertThat(line.get("event").asText()).isEqualTo("log");
  }

  @Test
  void aDisabledFluentCall_writesNothing() {
    log.atDebug().addKeyValue("event", "x").setMessage("dropped").log();
    log.atTrace().log("dropped");
    assertThat(captured.sink.size()).isZero();
  }

  @Test
  void theReusedBuilder_carriesNothingFromTheCallBefore() {
    var first = log.atInfo();
    first
        .addKeyValue("event", "a")
        .addKeyValue("only_first", 1)
        .setCause(new RuntimeException("x"));
    first.addArgument("arg").log("first {}");
    var second = log.atInfo();
    assertThat(second).isSameAs(first); // the thread's builder, handed out again
    second.log("second");
    var lines = captured.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("message").asText()).isEqualTo("first arg");
    assertThat(lines.get(0).get("only_first").asInt()).isEqualTo(1);
    assertThat(lines.get(1).get("event").asText()).isEqualTo("log");
    assertThat(lines.get(1).get("message").asText()).isEqualTo("second");
    assertThat(lines.get(1).has("only_first")).isFalse();
    assertThat(lines.get(1).has("error")).isFalse();
  }

  @Test
  void aFluentCallInsideAnArgument_neverOverwritesTheOuterCall() {
    Object nested =
        new Object() {
          @Override
          public String toString() {
            log.atInfo().addKeyValue("event", "inner").addKeyValue("depth", 2).log("inner");
            return "outer-arg";
          }
        };
    log.atInfo().addKeyValue("event", "outer").addKeyValue("depth", 1).log("outer {}", nested);
    var lines = captured.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("event").asText()).isEqualTo("inner");
    assertThat(lines.get(0).get("depth").asInt()).isEqualTo(2);
    assertThat(lines.get(1).get("event").asText()).isEqualTo("outer");
    assertThat(lines.get(1).get("depth").asInt()).isEqualTo(1);
    assertThat(lines.get(1).get("message").asText()).isEqualTo("outer outer-arg");
  }

  @Test
  void aBuilderLoggedTwice_writesOneLine_andABuilderNeverLogged_blocksNothing() {
    var b = log.atInfo().addKeyValue("event", "once");
    b.log("one");
    b.log("again"); // SLF4J's own builder would write twice; ours was cleared by the first log()
    var abandoned = log.atInfo().addKeyValue("event", "abandoned");
    log.atInfo().addKeyValue("event", "after").log("after");
    assertThat(abandoned).isNotNull();
    var lines = captured.lines();
    assertThat(lines).extracting(l -> l.get("event").asText()).containsExactly("once", "after");
  }
}
