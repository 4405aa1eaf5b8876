package dev.correlog.logback;

import dev.correlog.EventEncoder;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes every MDC entry but the trace keys as a field. Through {@link Map#forEach} with a reused
 * per-thread writer: iterating Logback's read-only MDC map with {@code entrySet()} wraps every
 * entry, and a lambda capturing the line would be a new object per event.
 */
final class MdcFields implements BiConsumer<String, String> {
  private static final ThreadLocal<MdcFields> WRITER = ThreadLocal.withInitial(MdcFields::new);

  private EventEncoder.Line line;

  private MdcFields() {}

  static void write(EventEncoder.Line line, Map<String, String> mdc) {
    MdcFields w = WRITER.get();
    EventEncoder.Line outer = w.line; // non-null only when a field's redaction logged meanwhile
    w.line = line;
    try {
      mdc.forEach(w);
    } finally {
      w.line = outer;
    }
  }

  @Override
  public void accept(String key, String value) {
    if (!MdcContext.isContextKey(key)) {
      line.field(key, value);
    }
  }
}
