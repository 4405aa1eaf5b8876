package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.schema.SchemaMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found by NestedFuzzTest: a malformed name under an envelope name ({@code sample_rate.} followed
 * by a NUL and a cut surrogate pair) was classed as reserved rather than invalid, and a nested
 * object wrote it unescaped. Every name that starts like an envelope name but is malformed is
 * invalid, at the top level and in nested objects, and the line stays valid.
 */
class MalformedReservedNamesTest {
  private static final List<String> ENVELOPE =
      List.of("service", "level", "trace_id", "sample_rate", "error", "timestamp");
  private static final List<String> TAILS =
      List.of(
          ".r\u0000",
          ".\uD83D",
          ".a\uDE00b",
          ".\u00f1q",
          ".\"}\n{\"x",
          ".a b",
          ".A",
          ".\u2028",
          "." + "a".repeat(300));

  @Test
  void malformedNamesUnderEnvelopeNames_areInvalid_andLinesStayValid() {
    RawSink sink = new RawSink();
    Correlog correlog =
        Correlog.builder()
            .service("s")
            .version("1")
            .sink(sink)
            .schemaMode(SchemaMode.LENIENT)
            .maxLineBytes(4096)
            .build();
    int events = 0;
    for (String head : ENVELOPE) {
      for (String tail : TAILS) {
        String name = head + tail;
        correlog.logger("t").info("top").field(name, "v").emit();
        correlog.logger("t").info("nested").field("o", o -> o.field(name, "v")).emit();
        correlog
            .logger("t")
            .info("deeper")
            .field("o", o -> o.field("p", p -> p.field(name, 1L)))
            .emit();
        events += 3;
      }
    }
    List<byte[]> lines = sink.lines();
    assertThat(lines).hasSize(events);
    for (byte[] line : lines) {
      assertThat(StrictLines.check(line, 4096).has("schema_errors")).isTrue();
    }
  }
}
