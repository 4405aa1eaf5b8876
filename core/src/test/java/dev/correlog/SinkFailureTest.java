package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SinkFailureTest {
  @Test
  void aFailingSink_neverThrows_isCountedAndReportedOnce_andWritesResume() {
    CollectingSink sink = new CollectingSink();
    Correlog c = Lines.builder(sink).build();
    EventLogger log = c.logger("t");
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      sink.failing = true;
      log.info("lost.1").emit();
      log.info("lost.2").emit();
      sink.failing = false;
      log.info("kept").emit();
      c.close(); // Prints the summary still due.
    } finally {
      System.setErr(original);
    }
    assertThat(c.counters().sinkFailures()).isEqualTo(2);
    assertThat(c.counters().emitted()).isEqualTo(1);
    String reported = err.toString(StandardCharsets.UTF_8);
    assertThat(reported.split("failed \\(", -1)).hasSize(2); // reported once
    assertThat(reported).contains("1 failures since the last notice").contains("recovered");
    assertThat(reported.lines()).hasSize(2);
    assertThat(sink.rawLines()).hasSize(1);
  }
}
