package dev.correlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over the events of one name. Each {@code with..} narrows the candidates to those that
 * match; the assertion fails when none is left, showing what was there.
 */
public final class EventAssert extends AbstractAssert<EventAssert, List<CapturedEvent>> {
  private final String event;

  EventAssert(String event, List<CapturedEvent> candidates) {
    super(candidates, EventAssert.class);
    this.event = event;
  }

  /** A field equal to {@code expected}: numbers compare by value, whatever their Java type. */
  public EventAssert withField(String name, Object expected) {
    return narrow(e -> matches(e.get(name), expected), "field " + name + " = " + expected);
  }

  public EventAssert withoutField(String name) {
    return narrow(e -> !e.has(name), "no field " + name);
  }

  public EventAssert withTraceId(String traceId) {
    return narrow(e -> traceId.equals(e.traceId()), "trace_id = " + traceId);
  }

  public EventAssert withSpanId(String spanId) {
    return narrow(e -> spanId.equals(e.spanId()), "span_id = " + spanId);
  }

  public EventAssert withParentSpanId(String parentSpanId) {
    return narrow(e -> parentSpanId.equals(e.parentSpanId()), "parent_span_id = " + parentSpanId);
  }

  public EventAssert withRequestId(String requestId) {
    return narrow(e -> requestId.equals(e.requestId()), "request_id = " + requestId);
  }

  public EventAssert withLevel(String level) {
    return narrow(e -> level.equals(e.level()), "level = " + level);
  }

  public EventAssert withMessage(String message) {
    return narrow(e -> message.equals(e.message()), "message = " + message);
  }

  /** The single remaining candidate (fails when there are several). */
  public CapturedEvent single() {
    if (actual.size() != 1) {
      failWithMessage("Expected one <%s> event but found <%s>: <%s>", event, actual.size(), actual);
    }
    return actual.get(0);
  }

  private EventAssert narrow(Predicate<CapturedEvent> condition, String description) {
    List<CapturedEvent> left = actual.stream().filter(condition).collect(Collectors.toList());
    if (left.isEmpty()) {
      failWithMessage("Expected an event <%s> with %s among <%s>", event, description, actual);
    }
    return new EventAssert(event, left);
  }

  static boolean matches(JsonNode node, Object expected) {
    if (node == null) {
      return false;
    }
    if (expected == null) {
      return node.isNull();
    }
    if (expected instanceof Number) {
      return node.isNumber()
          && node.decimalValue().compareTo(new BigDecimal(expected.toString())) == 0;
    }
    if (expected instanceof Boolean) {
      return node.isBoolean() && node.booleanValue() == (Boolean) expected;
    }
    if (expected instanceof CharSequence || expected instanceof Enum) {
      return node.isTextual() && node.textValue().equals(expected.toString());
    }
    if (expected instanceof JsonNode) {
      return node.equals(expected);
    }
    return node.isTextual() && node.textValue().equals(expected.toString());
  }
}
