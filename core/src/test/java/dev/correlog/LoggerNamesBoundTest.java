package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.sink.InMemorySink;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * Logger names made at run time ({@code correlog.logger(userInput)}) keep a bounded registry: past
 * {@link Correlog#MAX_CACHED_LOGGERS} names loggers are not kept, yet levels and counters still
 * apply to them.
 */
class LoggerNamesBoundTest {
  private final InMemorySink sink = new InMemorySink();
  // disabled events are counted only when asked (Correlog.Builder.countDisabled)
  private final Correlog correlog =
      Correlog.builder()
          .service("s")
          .version("1")
          .sink(sink)
          .level(Level.INFO)
          .countDisabled(true)
          .build();

  @Test
  void hundredThousandDistinctNames_keepABoundedRegistry_andEveryEventIsCounted() {
    for (int i = 0; i < 100_000; i++) {
      EventLogger log = correlog.logger("user." + i);
      log.debug("below").emit(); // disabled
      log.info("kept").emit();
    }
    assertThat(correlog.cachedLoggers()).isLessThanOrEqualTo(Correlog.MAX_CACHED_LOGGERS);
    assertThat(correlog.counters().disabled()).isEqualTo(100_000);
    assertThat(correlog.counters().emitted()).isEqualTo(100_000);
    assertThat(sink.lines()).hasSize(100_000);
    assertThat(sink.lines().get(99_999)).contains("\"logger\":\"user.99999\"");
  }

  @Test
  void aLoggerPastTheBound_followsLevelChanges_andIsNotKept() throws Exception {
    for (int i = 0; i < Correlog.MAX_CACHED_LOGGERS; i++) {
      correlog.logger("filler." + i);
    }
    EventLogger late = correlog.logger("late.name");
    assertThat(correlog.logger("late.name")).isNotSameAs(late); // not kept
    assertThat(late.name()).isEqualTo("late.name");
    assertThat(late.isEnabled(Level.DEBUG)).isFalse();

    correlog.sampling().level("late", Level.DEBUG);
    assertThat(late.isEnabled(Level.DEBUG)).isTrue();
    late.debug("now.enabled").emit();
    correlog.sampling().level("late", Level.ERROR);
    late.warn("now.disabled").emit();
    assertThat(sink.lines()).hasSize(1);
    assertThat(sink.lines().get(0)).contains("now.enabled");
    assertThat(correlog.counters().disabled()).isEqualTo(1);

    // Sampled out on a logger that is not kept: counted too.
    correlog.sampling().level("late", Level.INFO);
    correlog.sampling().loggerRule("late", 0.0);
    correlog.logger("late.name").info("sampled.out").emit();
    assertThat(correlog.counters().sampledOut()).isEqualTo(1);

    WeakReference<EventLogger> ref = new WeakReference<>(correlog.logger("dropped.by.caller"));
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(ref.get()).isNull();
    assertThat(correlog.cachedLoggers()).isEqualTo(Correlog.MAX_CACHED_LOGGERS);
  }

  @Test
  void longNamesAreNeverKept_butWrittenAsBefore() {
    String longName = "x".repeat(Correlog.MAX_CACHED_NAME_LENGTH + 1);
    EventLogger log = correlog.logger(longName);
    assertThat(correlog.logger(longName)).isNotSameAs(log);
    assertThat(log.name()).isEqualTo(longName);
    log.info("long").emit();
    assertThat(sink.lines()).hasSize(1);
    assertThat(correlog.cachedLoggers()).isZero();
  }

  @Test
  void namesWithinTheBound_areTheSameInstance() {
    assertThat(correlog.logger("a.b")).isSameAs(correlog.logger("a.b"));
    assertThat(correlog.logger((String) null)).isSameAs(correlog.logger("root"));
  }
}
