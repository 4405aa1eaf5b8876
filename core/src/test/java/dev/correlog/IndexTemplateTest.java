package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.correlog.schema.EventSchema;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IndexTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Correlog correlog() {
    return Correlog.builder()
        .service("orders")
        .version("1")
        .sink(dev.correlog.sink.Sinks.discarding())
        .schema(
            EventSchema.named("order.placed")
                .requiredLong("user_id")
                .requiredDouble("amount")
                .optionalString("coupon", 32)
                .optionalTimestamp("promised_at")
                .optionalObject("address")
                .optionalBoolean("gift")
                .optionalString("card_number")
                .sensitive("card_number"),
            EventSchema.named("order.refunded")
                .requiredLong("amount") // long here, double there: double
                .requiredString("user_id")) // long there, string here: not indexed
        .build();
  }

  @Test
  void mapsEnvelopeAndDeclaredFieldsWithTheirTypes() throws Exception {
    try (Correlog c = correlog()) {
      JsonNode t = JSON.readTree(c.toIndexTemplate("correlog-*"));
      assertThat(t.at("/index_patterns/0").asText()).isEqualTo("correlog-*");
      JsonNode p = t.at("/template/mappings/properties");
      assertThat(p.at("/timestamp/type").asText()).isEqualTo("date_nanos");
      for (String k : new String[] {"trace_id", "span_id", "request_id", "level", "service"}) {
        assertThat(p.at("/" + k + "/type").asText()).as(k).isEqualTo("keyword");
      }
      assertThat(p.at("/event/type").asText()).isEqualTo("keyword");
      assertThat(p.at("/message/type").asText()).isEqualTo("text");
      assertThat(p.at("/amount/type").asText()).isEqualTo("double");
      assertThat(p.at("/user_id/type").asText()).isEqualTo("object");
      assertThat(p.at("/user_id/enabled").asBoolean(true)).isFalse();
      assertThat(p.at("/coupon/type").asText()).isEqualTo("keyword");
      assertThat(p.at("/promised_at/type").asText()).isEqualTo("date_nanos");
      assertThat(p.at("/address/type").asText()).isEqualTo("object");
      assertThat(p.at("/gift/type").asText()).isEqualTo("boolean");
      assertThat(p.at("/card_number/type").asText()).isEqualTo("keyword");
      JsonNode m = t.at("/template/mappings");
      assertThat(m.at("/date_detection").asBoolean(true)).isFalse();
      assertThat(m.at("/dynamic_templates/0/strings_as_keywords/mapping/type").asText())
          .isEqualTo("keyword");
      JsonNode s = t.at("/template/settings");
      assertThat(s.get("index.mapping.total_fields.limit").asInt()).isEqualTo(1000);
      assertThat(s.get("index.mapping.ignore_malformed").asBoolean()).isTrue();
    }
  }

  @Test
  void lifecyclePolicyIsHotWarmDelete() throws Exception {
    try (Correlog c = correlog()) {
      JsonNode p = JSON.readTree(c.toLifecyclePolicy("correlog-*", Duration.ofDays(90)));
      assertThat(p.at("/policy/default_state").asText()).isEqualTo("hot");
      assertThat(p.at("/policy/states/0/transitions/0/conditions/min_index_age").asText())
          .isEqualTo("7d");
      assertThat(p.at("/policy/states/1/name").asText()).isEqualTo("warm");
      assertThat(p.at("/policy/states/1/transitions/0/conditions/min_index_age").asText())
          .isEqualTo("90d");
      assertThat(p.at("/policy/states/2/actions/0").has("delete")).isTrue();
      assertThat(p.at("/policy/ism_template/0/index_patterns/0").asText()).isEqualTo("correlog-*");
      assertThat(
              JSON.readTree(c.toLifecyclePolicy("x-*", Duration.ofHours(200)))
                  .at("/policy/states/1/transitions/0/conditions/min_index_age")
                  .asText())
          .isEqualTo("200h");
      assertThatThrownBy(() -> c.toLifecyclePolicy("correlog-*", Duration.ofDays(7)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> c.toIndexTemplate(" ")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
