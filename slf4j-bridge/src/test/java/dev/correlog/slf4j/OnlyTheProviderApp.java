package dev.correlog.slf4j;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An application run in a child JVM whose class path holds only slf4j-api, correlog-slf4j and
 * correlog-core: it logs through SLF4J within a context with fixed ids.
 */
public final class OnlyTheProviderApp {
  static final TraceContext CONTEXT =
      TraceContext.newRoot(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L, "req-7");

  private OnlyTheProviderApp() {}

  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger(OnlyTheProviderApp.class);
    try (Scope s = CONTEXT.attach()) {
      MDC.put("tenantId", "acme");
      log.info("order {} placed by {}", 1001, "alice");
      log.atInfo()
          .addKeyValue("event", "order.placed")
          .addKeyValue("user_id", 12345)
          .setMessage("order placed")
          .log();
      log.error("payment failed", new IllegalStateException("card declined"));
      log.debug("not written: below INFO");
      MDC.remove("tenantId");
    }
  }
}
