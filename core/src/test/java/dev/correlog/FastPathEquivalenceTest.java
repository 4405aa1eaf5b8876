package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaMode;
import dev.correlog.schema.UnknownFields;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of a field (no schema, strict names: one room check, the name's prefix copied
 * whole) write exactly the bytes of the general path. The same random events go to two instances
 * that differ only in an empty schema for the event (every field undeclared and allowed), which
 * sends every field down the general path; the lines must be equal byte for byte, including where
 * fields stop fitting in a small line, repeat a name, or carry values the fast paths leave alone.
 */
class FastPathEquivalenceTest {
  private static final String[] NAMES = {
    "user_id",
    "a",
    "amount",
    "currency",
    "http.status_code",
    "x",
    "long_name_" + "n".repeat(100),
    "Bad",
    "",
    "level",
    "service.name",
    "items",
    "coupon",
    "c2",
    "d.e.f"
  };

  private static final String[] STRINGS = {
    "",
    "EUR",
    "web",
    "SPRING25",
    "a\"quote",
    "back\\slash",
    "tab\t",
    "nl\n",
    "é",
    "\u2028",
    "x".repeat(32),
    "y".repeat(33),
    "z".repeat(63),
    "w".repeat(64),
    "v".repeat(65),
    "\u007f",
    "\ud83d\ude00",
    "\ud800"
  };

  private static Correlog correlog(CollectingSink sink, boolean schema) {
    Correlog.Builder b =
        Lines.builder(sink)
            .clock(Clock.fixed(Instant.parse("2026-12-02T03:04:05.123456Z"), ZoneOffset.UTC))
            .maxLineBytes(4096)
            .maxStringLength(64)
            .includeThread(false)
            .schemaMode(SchemaMode.LENIENT);
    if (schema) {
      b.schema(EventSchema.named("fast.path").unknownFields(UnknownFields.ALLOW));
    }
    return b.build();
  }

  @Test
  void fastAndGeneralPathsWriteTheSameBytes() {
    CollectingSink fastSink = new CollectingSink();
    CollectingSink generalSink = new CollectingSink();
    Correlog fast = correlog(fastSink, false);
    Correlog general = correlog(generalSink, true);
    EventLogger fastLog = fast.logger("equivalence");
    EventLogger generalLog = general.logger("equivalence");
    Random random = new Random(15);
    try (Scope s = TraceContext.newRoot("req-15").withSampled(true).newChild().attach()) {
      for (int event = 0; event < 600; event++) {
        long seed = random.nextLong();
        int fields = random.nextInt(event % 3 == 0 ? 400 : 40);
        write(fastLog.info("fast.path"), new Random(seed), fields);
        write(generalLog.info("fast.path"), new Random(seed), fields);
      }
    }
    List<String> expected = generalSink.rawLines();
    List<String> actual = fastSink.rawLines();
    assertThat(actual).hasSize(600);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("line %d", i).isEqualTo(expected.get(i));
    }
    assertThat(String.join("", actual)).contains("\"truncated\":true", "appears twice");
    fast.close();
    general.close();
  }

  /**
   * Call sites that name their fields in the same order event after event (the fast path then skips
   * the duplicate check by identity), mixed with ones that diverge, repeat a name, or name a field
   * with an equal string that is not the same.
   */
  @Test
  void repeatedCallSitesStillCatchRepeatedNames() {
    String a = "a";
    String[][] sites = {
      {a, "b", "c"},
      {a, "b"},
      {a, "b", "c", "d"},
      {"b", "b"},
      {a, a},
      {"x", a},
      {a},
      {"x", a, a},
      {"b", a, "b"},
      {new String("a"), a},
      {a, new String("a")},
      {},
      {"c", "b", a},
      {a, "b", "c", "c"},
      {a, "Bad", a},
      {a, "b", "level", "b"}
    };
    CollectingSink fastSink = new CollectingSink();
    CollectingSink generalSink = new CollectingSink();
    Correlog fast = correlog(fastSink, false);
    Correlog general = correlog(generalSink, true);
    EventLogger fastLog = fast.logger("equivalence");
    EventLogger generalLog = general.logger("equivalence");
    Random random = new Random(16);
    Scope scope = TraceContext.newRoot("req-16").withSampled(true).newChild().attach();
    for (int event = 0; event < 3000; event++) {
      String[] site = sites[random.nextInt(sites.length)];
      int kind = random.nextInt(4);
      for (EventLogger log : new EventLogger[] {fastLog, generalLog}) {
        EventBuilder b = log.info("fast.path");
        for (int i = 0; i < site.length; i++) {
          switch ((kind + i) % 4) {
            case 0:
              b.field(site[i], (long) i);
              break;
            case 1:
              b.field(site[i], "v" + i);
              break;
            case 2:
              b.field(site[i], i % 2 == 0);
              break;
            default:
              b.field(site[i], i + 0.5);
          }
        }
        b.emit();
      }
    }
    scope.close();
    assertThat(fastSink.rawLines()).hasSize(3000).isEqualTo(generalSink.rawLines());
    assertThat(String.join("", fastSink.rawLines())).contains("field 'a' appears twice");
    fast.close();
    general.close();
  }

  private static void write(EventBuilder b, Random r, int fields) {
    for (int i = 0; i < fields; i++) {
      String name = NAMES[r.nextInt(NAMES.length)];
      if (r.nextInt(4) == 0) {
        name = name + r.nextInt(30); // mostly distinct names, some repeated
      }
      switch (r.nextInt(7)) {
        case 0:
          b.field(name, r.nextLong() >> r.nextInt(64));
          break;
        case 1:
          b.field(name, r.nextInt(1000) - 500);
          break;
        case 2:
          b.field(name, doubleValue(r));
          break;
        case 3:
          b.field(name, r.nextBoolean());
          break;
        case 4:
          b.field(name, STRINGS[r.nextInt(STRINGS.length)]);
          break;
        case 5:
          b.field(name, (CharSequence) new StringBuilder("sb").append(r.nextInt(99)));
          break;
        default:
          b.field(name, (Object) Long.valueOf(r.nextInt()));
      }
    }
    b.message("m").emit();
  }

  private static double doubleValue(Random r) {
    switch (r.nextInt(8)) {
      case 0:
        return Double.NaN;
      case 1:
        return Double.NEGATIVE_INFINITY;
      case 2:
        return -0.0;
      case 3:
        return 1e300 * r.nextDouble();
      case 4:
        return 1e-9 * r.nextDouble();
      case 5:
        return r.nextInt(100_000) / 100.0;
      default:
        return r.nextGaussian() * 1000;
    }
  }
}
