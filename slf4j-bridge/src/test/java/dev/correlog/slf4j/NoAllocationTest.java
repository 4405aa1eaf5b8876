package dev.correlog.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Correlog;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sink.Sinks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The provider's calls allocate nothing once compiled: the thread's allocated bytes (HotSpot's
 * per-thread counter) over a round of calls, repeated until the JIT has compiled the path. A call
 * passes when one round after the first three averages under a tenth of a byte per call; it fails
 * when none does within the bound. The arguments are boxed before the rounds, so what is counted is
 * the provider's (and the core's) own allocation. A throwable's stack is not covered: the core
 * renders it with strings (see the module's README).
 */
class NoAllocationTest {
  private static final int CALLS = 10_000;
  private static final int ROUNDS = 60;
  private static final Long ORDER_ID = 67890L;
  private static final Long USER_ID = 12345L;
  private static final Double AMOUNT = 99.99;
  private static final Supplier<String> PLACED = () -> "order {} placed by user {}";
  // Markers without references: a reference is only reachable through Marker.iterator(), an
  // object the JIT removes in some compilations and not in others (see the README).
  private static final Marker AUDIT = MarkerFactory.getDetachedMarker("AUDIT");
  private static final Marker BILLING = MarkerFactory.getDetachedMarker("BILLING");

  private static Correlog correlog;
  private static Scope scope;
  private final Logger log = LoggerFactory.getLogger("com.acme.Orders");

  @BeforeAll
  static void install() {
    correlog =
        Correlog.builder()
            .service("order-service")
            .version("1.4.2")
            .sink(Sinks.discarding())
            .build();
    Correlog.install(correlog);
    scope = TraceContext.newRoot().attach();
  }

  @AfterAll
  static void uninstall() {
    MDC.clear();
    scope.close();
    Correlog.uninstall();
    correlog.close();
  }

  @Test
  void classicCall_twoPlaceholders() {
    assertNoAllocation(() -> log.info("order {} placed by user {}", ORDER_ID, USER_ID));
  }

  @Test
  void classicCall_withMdcEntries_andAMarker() {
    MDC.put("tenant", "acme");
    MDC.put("session", "s-42");
    try {
      assertNoAllocation(() -> log.info(AUDIT, "order {} placed by user {}", ORDER_ID, USER_ID));
    } finally {
      MDC.clear();
    }
  }

  @Test
  void fluentCall_keyValues() {
    assertNoAllocation(
        () ->
            log.atInfo()
                .addKeyValue("event", "order.placed")
                .addKeyValue("user_id", USER_ID)
                .addKeyValue("amount", AMOUNT)
                .log("order placed"));
  }

  @Test
  void fluentCall_supplierArgumentsAndMarkers() {
    assertNoAllocation(
        () ->
            log.atInfo()
                .addMarker(AUDIT)
                .addMarker(BILLING) // two: their names joined in the provider's buffer
                .addArgument(ORDER_ID)
                .addArgument(USER_ID)
                .setMessage(PLACED)
                .log());
  }

  @Test
  void disabledCalls() {
    assertNoAllocation(
        () -> {
          log.debug("order {} placed by user {}", ORDER_ID, USER_ID);
          log.atDebug().addKeyValue("user_id", USER_ID).log("order placed");
        });
  }

  private static void assertNoAllocation(Runnable call) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assertThat(threads).isInstanceOf(com.sun.management.ThreadMXBean.class);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) threads;
    long thread = Thread.currentThread().getId();
    double perCall = Double.NaN;
    for (int round = 0; round < ROUNDS; round++) {
      long before = mx.getThreadAllocatedBytes(thread);
      for (int i = 0; i < CALLS; i++) {
        call.run();
      }
      perCall = (mx.getThreadAllocatedBytes(thread) - before) / (double) CALLS;
      if (round >= 3 && perCall < 0.1) {
        return;
      }
    }
    assertThat(perCall).as("bytes allocated per call after %d rounds", ROUNDS).isLessThan(0.1);
  }
}
