package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Disabled events (below their logger's level) are counted only when the builder asks: by default a
 * disabled event writes nothing on the calling thread, and {@link Counters#disabled()} says -1, not
 * a count that looks real.
 */
class DisabledCountTest {
  private final CollectingSink sink = new CollectingSink();

  /** Past the length its Correlog keeps: a logger not kept, counting in the shared counters. */
  private static final String LONG_NAME = "x".repeat(Correlog.MAX_CACHED_NAME_LENGTH + 1);

  private static void belowAndAbove(EventLogger log) {
    log.debug("below").field("x", 1).emit();
    log.trace("below").emit();
    log.info("above").emit();
  }

  @Test
  void byDefault_notCounted_onKeptAndUncachedLoggers() {
    Correlog c = Lines.builder(sink).build();
    belowAndAbove(c.logger("kept"));
    belowAndAbove(c.logger(LONG_NAME));
    assertThat(c.counters().disabled()).isEqualTo(-1);
    assertThat(c.counters().toString()).contains("disabled=not counted");
    assertThat(c.counters().emitted()).isEqualTo(2);
    assertThat(sink.rawLines()).hasSize(2);
  }

  @Test
  void countedWhenAsked_onKeptAndUncachedLoggers() {
    Correlog c = Lines.builder(sink).countDisabled(true).build();
    belowAndAbove(c.logger("kept"));
    belowAndAbove(c.logger(LONG_NAME));
    assertThat(c.counters().disabled()).isEqualTo(4);
    assertThat(c.counters().toString()).contains("disabled=4,");
    assertThat(c.counters().emitted()).isEqualTo(2);
  }

  @Test
  void countedAcrossLevelChanges() {
    Correlog c = Lines.builder(sink).countDisabled(true).build();
    EventLogger log = c.logger("kept");
    log.debug("below").emit();
    c.sampling().level("kept", Level.DEBUG);
    log.debug("now.above").emit();
    c.sampling().level("kept", Level.ERROR);
    log.warn("below.again").emit();
    assertThat(c.counters().disabled()).isEqualTo(2);
    assertThat(sink.rawLines()).hasSize(1);
  }
}
