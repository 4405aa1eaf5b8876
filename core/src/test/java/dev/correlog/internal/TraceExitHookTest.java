package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Correlog;
import dev.correlog.context.ContextStorage;
import dev.correlog.sampling.ErrorFlush;
import dev.correlog.sink.Sinks;
import org.junit.jupiter.api.Test;

/** Error flush's trace-exit hook is a decorator that no process-wide list keeps alive. */
class TraceExitHookTest {
  private static long hooks() {
    return ContextStorage.decorators().stream().filter(d -> d instanceof TraceExitHook).count();
  }

  private static Correlog withErrorFlush() {
    return Correlog.builder()
        .service("s")
        .version("1")
        .sink(Sinks.discarding())
        .errorFlush(ErrorFlush.defaults())
        .build();
  }

  @Test
  void anEngineWithErrorFlushRegistersItsHookAndCloseRemovesIt() {
    long before = hooks();
    Correlog c = withErrorFlush();
    assertThat(hooks()).isEqualTo(before + 1);
    c.close();
    assertThat(hooks()).isEqualTo(before);
  }

  @Test
  void anEngineDroppedWithoutCloseIsCollectedWithItsHook() throws Exception {
    System.gc();
    long before = hooks();
    java.lang.ref.WeakReference<Correlog> ref = new java.lang.ref.WeakReference<>(withErrorFlush());
    assertThat(hooks()).isLessThanOrEqualTo(before + 1);
    for (int i = 0; i < 50 && (ref.get() != null || hooks() > before); i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(ref.get()).isNull();
    assertThat(hooks()).isLessThanOrEqualTo(before);
  }

  @Test
  void anEngineWithoutErrorFlushRegistersNothing() {
    long before = hooks();
    Correlog c = Correlog.builder().service("s").version("1").sink(Sinks.discarding()).build();
    assertThat(hooks()).isEqualTo(before);
    c.close();
  }
}
