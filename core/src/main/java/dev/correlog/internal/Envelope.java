package dev.correlog.internal;

import dev.correlog.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The parts of a line that are the same for every event of one {@code Correlog}, encoded once:
 * {@code ,"level":"INFO","service":"..","version":"..","trace_id":"} for each level, and the
 * environment field.
 */
public final class Envelope {
  /** The mandatory fields, in the order every line holds them. */
  public static final List<String> MANDATORY =
      List.of(
          "timestamp", "level", "service", "version", "trace_id", "span_id", "request_id", "event");

  static final byte[] OPEN = ascii("{\"timestamp\":");
  static final byte[] SPAN_ID = ascii("\",\"span_id\":\"");
  static final byte[] REQUEST_ID = ascii("\",\"request_id\":");
  static final byte[] EVENT = ascii(",\"event\":");
  static final byte[] PARENT_SPAN_ID = ascii(",\"parent_span_id\":\"");
  static final byte[] THREAD = ascii(",\"thread\":");
  static final byte[] MESSAGE = ascii(",\"message\":");
  static final long[] MESSAGE_WORDS = Words.of(MESSAGE);
  static final byte[] TRACE_UNSAMPLED = ascii(",\"trace_sampled\":false");
  static final byte[] SAMPLE_RATE = ascii(",\"sample_rate\":");
  static final byte[] SAMPLED_BY = ascii(",\"sampled_by\":");
  static final byte[] ERROR_TYPE = ascii(",\"error\":{\"type\":");
  static final byte[] ERROR_MESSAGE = ascii(",\"message\":");
  static final byte[] ERROR_STACK = ascii(",\"stack\":");
  static final byte[] SCHEMA_ERRORS = ascii(",\"schema_errors\":[");
  static final byte[] TRUNCATED = ascii(",\"truncated\":true");

  private final byte[][] levelPrefix = new byte[Level.values().length][];
  private final byte[] environment; // empty when none

  public Envelope(String service, String version, String environment) {
    for (Level level : Level.values()) {
      JsonBuffer b = new JsonBuffer(256, 4096);
      b.ascii(",\"level\":\"").ascii(level.name()).ascii("\",\"service\":");
      b.string(service, 256).ascii(",\"version\":").string(version, 256);
      b.ascii(",\"trace_id\":\"");
      levelPrefix[level.ordinal()] = java.util.Arrays.copyOf(b.array(), b.length());
    }
    if (environment == null) {
      this.environment = new byte[0];
    } else {
      JsonBuffer b = new JsonBuffer(64, 4096);
      b.ascii(",\"environment\":").string(environment, 256);
      this.environment = java.util.Arrays.copyOf(b.array(), b.length());
    }
  }

  /** {@code ,"level":"X","service":"..","version":"..","trace_id":"} for {@code level}. */
  byte[] levelPrefix(Level level) {
    return levelPrefix[level.ordinal()];
  }

  byte[] environment() {
    return environment;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
