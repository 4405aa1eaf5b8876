package dev.correlog.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.correlog.sink.InMemorySink;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The lines of an in-memory sink, parsed with Jackson. */
final class Lines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Lines() {}

  static List<JsonNode> all(InMemorySink sink) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : sink.lines()) {
      try {
        out.add(JSON.readTree(line));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException("not one JSON object: " + line, e);
      }
    }
    return out;
  }

  static List<JsonNode> events(InMemorySink sink, String event) {
    return matching(sink, n -> event.equals(n.path("event").asText()));
  }

  static List<JsonNode> matching(InMemorySink sink, Predicate<JsonNode> p) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : all(sink)) {
      if (p.test(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /** Waits up to 10 s for {@code count} lines of {@code event}, then returns them all. */
  static List<JsonNode> await(InMemorySink sink, String event, int count) {
    long end = System.nanoTime() + 10_000_000_000L;
    List<JsonNode> found = events(sink, event);
    while (found.size() < count && System.nanoTime() < end) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      found = events(sink, event);
    }
    assertThat(found)
        .as("lines of %s in %s", event, sink.lines())
        .hasSizeGreaterThanOrEqualTo(count);
    return found;
  }

  /** The one line of {@code event}, waiting up to 10 s for it. */
  static JsonNode one(InMemorySink sink, String event) {
    List<JsonNode> found = await(sink, event, 1);
    assertThat(found).as("lines of %s", event).hasSize(1);
    return found.get(0);
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
