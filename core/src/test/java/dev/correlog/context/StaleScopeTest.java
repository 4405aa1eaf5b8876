package dev.correlog.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.internal.Reporter;
import java.lang.ref.WeakReference;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A scope left open on a plain pooled thread: what it does to the next task, and its repair by
 * {@link ContextStorage#clearStale()} where an adapter knows new work starts.
 */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class StaleScopeTest {
  private final ExecutorService plain = Executors.newSingleThreadExecutor(); // not wrapped
  private final BridgeDecorator bridge = new BridgeDecorator();

  @AfterEach
  void stop() throws Exception {
    ContextStorage.removeDecorator(bridge);
    plain.shutdownNow();
    assertThat(bridge.mismatches).isEmpty();
  }

  private <T> T run(java.util.concurrent.Callable<T> task) throws Exception {
    return plain.submit(task).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aLeakedScopeIsSeenByTheNextTaskUntilClearStaleRepairsTheThread() throws Exception {
    ContextStorage.addDecorator(bridge);
    Reporter.rearm("scope.stale");
    long before = ContextStorage.staleScopesCleared();
    TraceContext leaked = TraceContext.newRoot("leaked");
    run(
        () -> {
          MDC.put("tenant", "kept");
          leaked.attach(); // never closed: the hazard
          return leaked.attach(); // twice
        });
    try (StderrLines err = new StderrLines()) {
      // Without repair, the next unrelated task runs in the leaked context.
      assertThat(run(TraceContext::current)).isSameAs(leaked);
      // An adapter starting a request clears the stale stack first.
      int cleared = run(ContextStorage::clearStale);
      assertThat(cleared).isEqualTo(2);
      assertThat(run(TraceContext::current)).isNull();
      assertThat(run(() -> MDC.get("trace_id"))).isNull();
      assertThat(run(() -> MDC.get("tenant"))).isEqualTo("kept"); // the user's own key stays
      assertThat(run(bridge::get)).isNull(); // decorators restored too
      assertThat(run(ContextStorage::clearStale)).isZero(); // nothing left
      // A second leak is repaired and counted, but reported only once.
      run(() -> TraceContext.newRoot("again").attach());
      assertThat(run(ContextStorage::clearStale)).isEqualTo(1);
      assertThat(ContextStorage.staleScopesCleared() - before).isEqualTo(3);
      assertThat(err.containing("correlog: a thread starting new work still had")).isEqualTo(1);
    }
  }

  @Test
  void closingAStaleScopeAfterTheRepairDoesNothing() throws Exception {
    ContextStorage.addDecorator(bridge);
    Scope[] leaked = new Scope[1];
    TraceContext next = TraceContext.newRoot("next request");
    try (StderrLines err = new StderrLines()) {
      run(() -> leaked[0] = TraceContext.newRoot("leaked").attach());
      TraceContext seen =
          run(
              () -> {
                ContextStorage.clearStale();
                try (Scope s = next.attach()) {
                  leaked[0].close(); // the leaking code closes it late, inside the next request
                  return TraceContext.current();
                }
              });
      assertThat(seen).isSameAs(next);
      assertThat(run(TraceContext::current)).isNull();
      assertThat(run(bridge::get)).isNull();
    }
  }

  @Test
  void theRepairReleasesTheLeakedContextsMemory() throws Exception {
    WeakReference<TraceContext> ref =
        run(
            () -> {
              TraceContext leaked = TraceContext.newRoot("leaked " + "x".repeat(100));
              leaked.attach();
              return new WeakReference<>(leaked);
            });
    try (StderrLines err = new StderrLines()) {
      run(ContextStorage::clearStale);
    }
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(ref.get()).isNull();
  }

  @Test
  void anAdaptersTaskScopeClosesWhatItsCallbackLeftOpen() throws Exception {
    ContextStorage.addDecorator(bridge);
    TraceContext call = TraceContext.newRoot("call");
    try (StderrLines err = new StderrLines()) {
      TraceContext inCallback =
          run(
              () -> {
                try (Scope s = ContextStorage.attachForTask(call)) {
                  TraceContext.newRoot("leaked by the handler").attach();
                  return TraceContext.current();
                }
              });
      assertThat(inCallback.requestId()).isEqualTo("leaked by the handler");
      assertThat(run(TraceContext::current)).isNull();
      assertThat(run(bridge::get)).isNull();
      assertThat(run(() -> MDC.get("trace_id"))).isNull();
    }
  }

  @Test
  void clearStaleOnACleanThreadFindsNothing() {
    long before = ContextStorage.staleScopesCleared();
    assertThat(ContextStorage.clearStale()).isZero();
    assertThat(ContextStorage.staleScopesCleared()).isEqualTo(before);
  }
}
