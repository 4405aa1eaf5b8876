package dev.correlog.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.internal.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A storage decorator as the gRPC adapter will use it: a bridge to another thread-local. */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class ScopeDecoratorTest {
  private final BridgeDecorator bridge = new BridgeDecorator();
  private final TraceContext a = TraceContext.newRoot("req-a");
  private final TraceContext b = TraceContext.newRoot("req-b");
  private final TraceContext c = TraceContext.newRoot("req-c");
  private final List<ScopeDecorator> added = new ArrayList<>();

  private void add(ScopeDecorator d) {
    assertThat(ContextStorage.addDecorator(d)).isTrue();
    added.add(d);
  }

  @AfterEach
  void removeDecoratorsAndCheckTheThreadIsClean() {
    added.forEach(ContextStorage::removeDecorator);
    assertThat(bridge.mismatches).isEmpty();
    assertThat(bridge.get()).isNull();
    assertThat(TraceContext.current()).isNull();
    assertThat(MDC.get("trace_id")).isNull();
  }

  @Test
  void bridgeFollowsNestedScopesAndIsRestoredExactly() {
    add(bridge);
    TraceContext before = TraceContext.newRoot("set by other code");
    bridge.bridge.set(before);
    try (Scope sa = a.attach()) {
      assertThat(bridge.get()).isSameAs(a);
      try (Scope sb = b.attach()) {
        assertThat(bridge.get()).isSameAs(b);
      }
      assertThat(bridge.get()).isSameAs(a);
    }
    assertThat(bridge.get()).isSameAs(before);
    bridge.bridge.remove();
  }

  @Test
  void decoratorScopesCloseInReverseOrder() {
    List<String> log = new ArrayList<>();
    add(recording("one", log));
    add(recording("two", log));
    try (Scope sa = a.attach()) {
      log.add("body");
    }
    assertThat(log).containsExactly("open one", "open two", "body", "close two", "close one");
    assertThat(ContextStorage.decorators()).endsWith(added.get(0), added.get(1));
  }

  @Test
  void outOfOrderCloseRestoresTheBridgeWhenTheUpperScopeCloses() {
    add(bridge);
    try (StderrLines err = new StderrLines()) {
      Scope lower = a.attach();
      Scope upper = b.attach();
      lower.close();
      assertThat(bridge.get()).isSameAs(b); // b is still current
      assertThat(TraceContext.current()).isSameAs(b);
      upper.close();
    }
    assertThat(bridge.get()).isNull();
  }

  @Test
  void closeOnAnotherThreadIsRepairedOnTheOwningThreadNextTime() throws Exception {
    add(bridge);
    try (StderrLines err = new StderrLines()) {
      Scope sa = a.attach();
      Scope sb = b.attach();
      AtomicReference<TraceContext> bridgeThere = new AtomicReference<>();
      Thread other =
          new Thread(
              () -> {
                sb.close();
                bridgeThere.set(bridge.get());
              });
      other.start();
      other.join();
      assertThat(bridgeThere.get()).isNull(); // the other thread's bridge was never touched
      assertThat(TraceContext.current()).isSameAs(a);
      try (Scope sc = c.attach()) { // repairs b first, on this thread, then decorates c
        assertThat(bridge.get()).isSameAs(c);
      }
      assertThat(bridge.get()).isSameAs(a);
      sa.close();
    }
  }

  @Test
  void executorTasksSeeTheirContextInTheBridgeAndLeaveTheWorkerClean() throws Exception {
    add(bridge);
    ExecutorService plain = Executors.newSingleThreadExecutor();
    ExecutorService pool = ContextExecutors.wrap(plain);
    try (StderrLines err = new StderrLines()) {
      List<Future<String>> seen = new ArrayList<>();
      for (TraceContext ctx : new TraceContext[] {a, null, b}) {
        Scope s = ctx == null ? null : ctx.attach();
        seen.add(
            pool.submit(
                () -> {
                  TraceContext.newRoot("leaked by the task").attach(); // never closed
                  return String.valueOf(bridge.get() == null ? null : bridge.get().requestId());
                }));
        if (s != null) {
          s.close();
        }
      }
      List<String> requestIds = new ArrayList<>();
      for (Future<String> f : seen) {
        requestIds.add(f.get(10, TimeUnit.SECONDS));
      }
      assertThat(requestIds)
          .containsExactly("leaked by the task", "leaked by the task", "leaked by the task");
      // The worker, after each task: its scopes closed, the bridge as it was.
      TraceContext workerBridge =
          plain
              .submit(() -> bridge.get() == null ? TraceContext.current() : bridge.get())
              .get(10, TimeUnit.SECONDS);
      assertThat(workerBridge).isNull();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eachTaskSeesItsOwnContextInTheBridge() throws Exception {
    add(bridge);
    ExecutorService pool = ContextExecutors.wrap(Executors.newFixedThreadPool(2));
    try {
      List<Future<Boolean>> ok = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        TraceContext ctx = i % 5 == 0 ? null : TraceContext.newRoot("r" + i);
        Scope s = ctx == null ? null : ctx.attach();
        ok.add(pool.submit(() -> bridge.get() == ctx && TraceContext.current() == ctx));
        if (s != null) {
          s.close();
        }
      }
      for (Future<Boolean> f : ok) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDecoratorThatThrowsNeverBreaksTheScopeAndIsCountedAndReportedOnce() {
    long failures = ContextStorage.decoratorFailures();
    add(
        context -> {
          throw new IllegalStateException("decorate fails");
        });
    add(
        context ->
            () -> {
              throw new IllegalStateException("close fails");
            });
    add(bridge);
    Reporter.rearm("scope.decorator");
    try (StderrLines err = new StderrLines()) {
      for (int i = 0; i < 3; i++) {
        try (Scope sa = a.attach()) {
          assertThat(TraceContext.current()).isSameAs(a);
          assertThat(bridge.get()).isSameAs(a);
          assertThat(MDC.get("trace_id")).isEqualTo(a.traceIdHex());
        }
        assertThat(bridge.get()).isNull();
      }
      assertThat(ContextStorage.decoratorFailures() - failures).isEqualTo(6);
      assertThat(err.containing("correlog: a ScopeDecorator failed")).isEqualTo(1);
    }
  }

  @Test
  void aDecoratorRemovedWhileAScopeIsOpenStillRestoresThatScope() {
    add(bridge);
    Scope sa = a.attach();
    assertThat(ContextStorage.removeDecorator(bridge)).isTrue();
    try (Scope sb = b.attach()) {
      assertThat(bridge.get()).isSameAs(a); // not decorated any more
    }
    sa.close();
    assertThat(bridge.get()).isNull();
    assertThat(ContextStorage.removeDecorator(bridge)).isFalse();
  }

  @Test
  void addingTwiceRegistersOnce() {
    add(bridge);
    assertThat(ContextStorage.addDecorator(bridge)).isFalse();
    assertThat(ContextStorage.decorators().stream().filter(d -> d == bridge)).hasSize(1);
  }

  private static ScopeDecorator recording(String name, List<String> log) {
    return context -> {
      log.add("open " + name);
      return () -> log.add("close " + name);
    };
  }
}
