package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.schema.SchemaMode;
import dev.correlog.schema.SchemaViolationException;
import java.util.List;

/**
 * Fuzzes nested objects: any shape, depth past the limit, duplicate and invalid names, values of
 * any type, and consumers that throw half-way. Every line must satisfy {@link StrictLines}; a
 * consumer that throws leaves a marker string, never half an object.
 */
class NestedFuzzTest {
  private static final int CAP = 4096;
  private static final RawSink LENIENT_SINK = new RawSink();
  private static final RawSink STRICT_SINK = new RawSink();
  private static final Correlog LENIENT = build(LENIENT_SINK, SchemaMode.LENIENT);
  private static final Correlog STRICT = build(STRICT_SINK, SchemaMode.STRICT);

  private static Correlog build(RawSink sink, SchemaMode mode) {
    return Correlog.builder()
        .service("fuzz")
        .version("1")
        .sink(sink)
        .schemaMode(mode)
        .maxLineBytes(CAP)
        .maxStringLength(100)
        .build();
  }

  @FuzzTest(maxDuration = "10m")
  void anyNestedObjects(FuzzedDataProvider d) {
    boolean strict = d.consumeBoolean();
    RawSink sink = strict ? STRICT_SINK : LENIENT_SINK;
    sink.clear();
    EventBuilder e = (strict ? STRICT : LENIENT).logger("fuzz").info("nested");
    int n = d.consumeInt(1, 4);
    for (int i = 0; i < n; i++) {
      e.field(FuzzValues.name(d), o -> fill(o, d, 0));
    }
    try {
      e.emit();
    } catch (SchemaViolationException ex) {
      assertThat(strict).isTrue();
      return;
    }
    List<byte[]> lines = sink.lines();
    assertThat(lines).hasSize(1);
    JsonNode line = StrictLines.check(lines.get(0), CAP);
    assertThat(line.get("event").asText()).isEqualTo("nested");
  }

  private static void fill(ObjectBuilder o, FuzzedDataProvider d, int depth) {
    int n = d.consumeInt(0, 8);
    for (int i = 0; i < n; i++) {
      String name =
          d.consumeBoolean() ? d.pickValue(new String[] {"id", "a", "b"}) : FuzzValues.name(d);
      switch (d.consumeInt(0, 4)) {
        case 0:
          if (depth < 12) {
            o.field(name, c -> fill(c, d, depth + 1));
          }
          break;
        case 1:
          o.field(name, d.consumeLong());
          break;
        case 2:
          o.field(name, (CharSequence) d.consumeString(150));
          break;
        case 3:
          if (d.consumeInt(0, 9) == 0) {
            throw new IllegalStateException("half-way at depth " + depth);
          }
          break;
        default:
          o.field(name, FuzzValues.value(d, 100).value());
      }
    }
  }
}
