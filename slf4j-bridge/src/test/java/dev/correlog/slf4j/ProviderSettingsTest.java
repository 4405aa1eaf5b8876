package dev.correlog.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider's settings: the default event name and which MDC keys become fields. */
class ProviderSettingsTest {
  private final Captured captured = Captured.install();
  private final CorrelogMdcAdapter mdc = new CorrelogMdcAdapter();

  @AfterEach
  void close() {
    mdc.clear();
    captured.close();
  }

  @Test
  void aListOfMdcKeys_writesOnlyThose_andADefaultEventNamesClassicCalls() {
    CorrelogLogger log =
        new CorrelogLogger(
            "com.acme.Orders", new BridgeConfig(mdc, "app.log", "tenantId, trace_id"));
    mdc.put("tenantId", "acme");
    mdc.put("secret", "not written");
    mdc.put("trace_id", "never copied: the envelope has it");
    log.info("hello {}", "world");
    JsonNode line = captured.single();
    assertThat(line.get("event").asText()).isEqualTo("app.log");
    assertThat(line.get("tenantId").asText()).isEqualTo("acme");
    assertThat(line.has("secret")).isFalse();
    assertThat(line.has("_trace_id")).isFalse();
  }

  @Test
  void none_writesNoMdcEntry_andBlankSettingsMeanTheDefaults() {
    CorrelogLogger none = new CorrelogLogger("a", new BridgeConfig(mdc, null, "none"));
    CorrelogLogger all = new CorrelogLogger("b", new BridgeConfig(mdc, " ", " "));
    mdc.put("tenantId", "acme");
    none.info("x");
    JsonNode line = captured.single();
    assertThat(line.has("tenantId")).isFalse();
    assertThat(line.get("event").asText()).isEqualTo("log");
    all.info("y");
    assertThat(captured.single().get("tenantId").asText()).isEqualTo("acme");
  }

  @Test
  void theMdcAdapter_isPerThread_andClearFreesIt() throws Exception {
    mdc.put("k", "v");
    mdc.pushByKey("stack", "a");
    mdc.pushByKey("stack", "b");
    assertThat(mdc.popByKey("stack")).isEqualTo("b");
    java.util.concurrent.atomic.AtomicReference<String> seen =
        new java.util.concurrent.atomic.AtomicReference<>("unset");
    Thread other = new Thread(() -> seen.set(mdc.get("k")));
    other.start();
    other.join();
    assertThat(seen.get()).isNull();
    assertThat(mdc.getCopyOfContextMap()).containsEntry("k", "v");
    mdc.clear();
    assertThat(mdc.current()).isNull();
    assertThat(mdc.getCopyOfDequeByKey("stack")).isNull();
  }
}
