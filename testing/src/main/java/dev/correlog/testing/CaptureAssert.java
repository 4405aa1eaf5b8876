package dev.correlog.testing;

import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/** Assertions over everything a {@link CorrelogCapture} captured. */
public final class CaptureAssert extends AbstractAssert<CaptureAssert, CorrelogCapture> {
  CaptureAssert(CorrelogCapture actual) {
    super(actual, CaptureAssert.class);
  }

  /** At least one event named {@code event}; narrow it down with the returned assertion. */
  public EventAssert hasEvent(String event) {
    isNotNull();
    List<CapturedEvent> all = actual.events();
    List<CapturedEvent> named =
        all.stream().filter(e -> event.equals(e.event())).collect(Collectors.toList());
    if (named.isEmpty()) {
      failWithMessage(
          "Expected an event named <%s> but captured only <%s>",
          event, all.stream().map(CapturedEvent::event).collect(Collectors.toList()));
    }
    return new EventAssert(event, named);
  }

  public CaptureAssert hasNoEvent(String event) {
    isNotNull();
    List<CapturedEvent> named =
        actual.events().stream().filter(e -> event.equals(e.event())).collect(Collectors.toList());
    if (!named.isEmpty()) {
      failWithMessage("Expected no event named <%s> but found <%s>", event, named);
    }
    return this;
  }

  public CaptureAssert hasEventCount(int count) {
    isNotNull();
    int n = actual.events().size();
    if (n != count) {
      failWithMessage("Expected <%s> events but captured <%s>: <%s>", count, n, actual.lines());
    }
    return this;
  }

  /** The captured events' names, in order, are exactly {@code events}. */
  public CaptureAssert hasEventsInOrder(String... events) {
    isNotNull();
    List<String> names =
        actual.events().stream().map(CapturedEvent::event).collect(Collectors.toList());
    if (!names.equals(List.of(events))) {
      failWithMessage("Expected events <%s> in order but captured <%s>", List.of(events), names);
    }
    return this;
  }
}
