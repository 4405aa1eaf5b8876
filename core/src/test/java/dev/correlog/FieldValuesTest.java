package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldValuesTest {
  private final CollectingSink sink = new CollectingSink();
  private final Correlog correlog = Lines.builder(sink).build();
  private final EventLogger log = correlog.logger("t");

  enum Color {
    RED
  }

  record Point(int x, int y) {}

  @Test
  void primitives_areWrittenWithTheirJsonTypes() {
    log.info("values")
        .field("s", "text")
        .field("sb", new StringBuilder("built"))
        .field("i", 7)
        .field("l", Long.MIN_VALUE)
        .field("d", 99.99)
        .field("d_whole", 3.0)
        .field("d_tiny", 1.0e-7)
        .field("d_huge", 1.0e300)
        .field("f", 1.5f)
        .field("b", true)
        .field("t", Instant.parse("2024-02-29T12:00:00.5Z"))
        .field("e", Color.RED)
        .emit();
    JsonNode n = Lines.single(correlog, sink);
    assertThat(n.get("s").asText()).isEqualTo("text");
    assertThat(n.get("sb").asText()).isEqualTo("built");
    assertThat(n.get("i").isIntegralNumber()).isTrue();
    assertThat(n.get("i").asLong()).isEqualTo(7);
    assertThat(n.get("l").asLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(n.get("d").doubleValue()).isEqualTo(99.99);
    assertThat(n.get("d_whole").doubleValue()).isEqualTo(3.0);
    assertThat(n.get("d_tiny").doubleValue()).isEqualTo(1.0e-7);
    assertThat(n.get("d_huge").doubleValue()).isEqualTo(1.0e300);
    assertThat(n.get("f").doubleValue()).isEqualTo(1.5);
    assertThat(n.get("b").booleanValue()).isTrue();
    assertThat(n.get("t").asText()).isEqualTo("2024-02-29T12:00:00.500000Z");
    assertThat(n.get("e").asText()).isEqualTo("RED");
  }

  @Test
  void doubles_roundTripExactly() {
    double[] values = {0.1, 0.2 + 0.1, -2.5, 123456.789, 1e15, 9.999999999999999e14, -0.0, 5e-324};
    for (double v : values) {
      log.info("d").field("v", v).emit();
    }
    List<JsonNode> lines = Lines.parse(correlog, sink);
    for (int i = 0; i < values.length; i++) {
      assertThat(lines.get(i).get("v").doubleValue()).isEqualTo(values[i]);
    }
  }

  @Test
  void nonFiniteDoubles_areWrittenAsStrings() {
    log.info("d").field("nan", Double.NaN).field("inf", Double.POSITIVE_INFINITY).emit();
    JsonNode n = Lines.single(correlog, sink);
    assertThat(n.get("nan").asText()).isEqualTo("NaN");
    assertThat(n.get("inf").asText()).isEqualTo("Infinity");
  }

  @Test
  void objects_goThroughJackson_boxedValuesByTheirType() {
    log.info("o")
        .field("point", (Object) new Point(1, 2))
        .field("map", (Object) Map.of("k", "v"))
        .field("boxed_long", (Object) 5L)
        .field("boxed_double", (Object) 2.5)
        .field("boxed_bool", (Object) Boolean.FALSE)
        .field("big", (Object) new java.math.BigDecimal("12.50"))
        .field("nothing", (Object) null)
        .emit();
    JsonNode n = Lines.single(correlog, sink);
    assertThat(n.get("point").get("x").asInt()).isEqualTo(1);
    assertThat(n.get("map").get("k").asText()).isEqualTo("v");
    assertThat(n.get("boxed_long").isIntegralNumber()).isTrue();
    assertThat(n.get("boxed_double").doubleValue()).isEqualTo(2.5);
    assertThat(n.get("boxed_bool").booleanValue()).isFalse();
    assertThat(n.get("big").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(n.get("nothing").isNull()).isTrue();
  }

  @Test
  void nestedObjects_useTheBuilder() {
    log.info("nested")
        .field(
            "address",
            a ->
                a.field("city", "Lyon")
                    .field("zip", 69001L)
                    .field("geo", g -> g.field("lat", 45.76).field("lon", 4.83)))
        .field("after", 1)
        .emit();
    JsonNode n = Lines.single(correlog, sink);
    assertThat(n.get("address").get("city").asText()).isEqualTo("Lyon");
    assertThat(n.get("address").get("zip").asLong()).isEqualTo(69001);
    assertThat(n.get("address").get("geo").get("lat").doubleValue()).isEqualTo(45.76);
    assertThat(n.get("after").asInt()).isEqualTo(1);
  }

  static final class Throwing {
    @Override
    public String toString() {
      throw new IllegalStateException("boom");
    }

    public int getValue() {
      throw new IllegalStateException("boom");
    }
  }

  static final class Recursive {
    @Override
    public String toString() {
      return "r" + this;
    }

    public Recursive getSelf() {
      return this;
    }
  }

  @Test
  void aValueWhoseRenderingThrowsOrRecurses_isAMarker_andCounted_neverThrown() {
    log.info("bad").field("a", (Object) new Throwing()).field("b", (Object) new Recursive()).emit();
    JsonNode n = Lines.single(correlog, sink);
    assertThat(n.get("a").asText()).contains("threw java.lang.IllegalStateException");
    assertThat(n.get("b").asText()).contains("threw java.lang.StackOverflowError");
    assertThat(correlog.counters().encodingErrors()).isEqualTo(2);
  }

  @Test
  void aStringThatLooksLikeTheMarker_isNotCountedAsAnError() {
    Object lookalike =
        new Object() {
          public int getValue() {
            throw new IllegalStateException("Jackson cannot render me");
          }

          @Override
          public String toString() {
            return "[toString() of x threw y]";
          }
        };
    log.info("fine").field("v", lookalike).emit();
    assertThat(Lines.single(correlog, sink).get("v").asText())
        .isEqualTo("[toString() of x threw y]");
    assertThat(correlog.counters().encodingErrors()).isZero();
  }

  @Test
  void anEventLoggedWhileAnotherIsBeingBuilt_isWrittenToo() {
    Object sneaky =
        new Object() {
          @Override
          public String toString() {
            log.info("inner").field("k", 1).emit();
            return "outer-value";
          }
        };
    log.info("outer").field("x", 1).message(sneaky.toString()).emit();
    List<JsonNode> lines = Lines.parse(correlog, sink);
    assertThat(lines).extracting(l -> l.get("event").asText()).containsExactly("inner", "outer");
    assertThat(lines.get(1).get("message").asText()).isEqualTo("outer-value");
    assertThat(lines.get(1).get("x").asInt()).isEqualTo(1);
  }

  @Test
  void aBuilderUsedAfterEmit_isIgnored() {
    EventBuilder b = log.info("once").field("a", 1);
    b.emit();
    b.field("late", 2).emit();
    assertThat(Lines.single(correlog, sink).has("late")).isFalse();
  }
}
