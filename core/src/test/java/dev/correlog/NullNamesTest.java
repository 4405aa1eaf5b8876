package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Null or empty names, levels and messages: a documented outcome each, never an exception. */
class NullNamesTest {
  private final CollectingSink sink = new CollectingSink();
  private final Correlog correlog = Lines.builder(sink).build();

  @Test
  void aNullOrEmptyEventName_isTheEventNamedLog() {
    EventLogger log = correlog.logger("t");
    log.info(null).emit();
    log.info("").emit();
    log.at(Level.WARN, null, null).emit();
    List<JsonNode> lines = Lines.parse(correlog, sink);
    assertThat(lines).extracting(l -> l.get("event").asText()).containsExactly("log", "log", "log");
  }

  @Test
  void aNullLevel_isInfo() {
    EventLogger log = correlog.logger("t");
    assertThat(log.isEnabled(null)).isTrue();
    log.at(null, "x").emit();
    assertThat(Lines.single(correlog, sink).get("level").asText()).isEqualTo("INFO");
  }

  @Test
  void aNullOrEmptyLoggerName_isTheRootLogger() {
    assertThat(correlog.logger((String) null)).isSameAs(correlog.logger("root"));
    assertThat(correlog.logger("")).isSameAs(correlog.logger("root"));
    assertThat(correlog.logger((Class<?>) null)).isSameAs(correlog.logger("root"));
    correlog.logger((String) null).info("x").emit();
    assertThat(Lines.single(correlog, sink).get("logger").asText()).isEqualTo("root");
  }

  @Test
  void aNullMessageOrError_writesNothing_anEmptyMessageIsWritten() {
    EventLogger log = correlog.logger("t");
    log.info("a").message(null).error(null).emit();
    log.info("b").message("").emit();
    List<JsonNode> lines = Lines.parse(correlog, sink);
    assertThat(lines.get(0).has("message")).isFalse();
    assertThat(lines.get(0).has("error")).isFalse();
    assertThat(lines.get(1).get("message").asText()).isEmpty();
  }

  @Test
  void aNullFieldName_isAViolationUnderStrict_andRenamedUnderKeep() {
    EventLogger log = correlog.logger("t");
    log.info("strict").field(null, 1).emit();
    log.info("keep").fieldNames(FieldNamePolicy.KEEP).field(null, 1).emit();
    List<JsonNode> lines = Lines.parse(correlog, sink);
    assertThat(lines.get(0).get("schema_errors").get(0).asText()).contains("null");
    assertThat(lines.get(1).get("_").asInt()).isEqualTo(1);
    assertThat(lines.get(1).has("schema_errors")).isFalse();
  }
}
