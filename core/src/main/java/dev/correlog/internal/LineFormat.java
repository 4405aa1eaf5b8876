package dev.correlog.internal;

import java.time.Clock;

/**
 * What every builder and line writer of one {@code Correlog} reads and never changes: the encoded
 * envelope, the clock, the caps, whether lines carry the thread, and whether the schema mode is
 * strict.
 */
record LineFormat(
    Envelope envelope,
    Clock clock,
    boolean includeThread,
    int maxStringLength,
    int maxLineBytes,
    boolean strict,
    RedactionRef redaction) {

  /** The value redaction, set once by {@code Correlog.Builder}; {@link #get()} is null for none. */
  static final class RedactionRef {
    private volatile dev.correlog.Redaction value;

    dev.correlog.Redaction get() {
      return value;
    }

    void set(dev.correlog.Redaction r) {
      value = r == null || r.isNone() ? null : r;
    }
  }

  static LineFormat of(EngineConfig config) {
    EngineConfig.Identity id = config.identity();
    EngineConfig.LineLimits limits = config.limits();
    return new LineFormat(
        new Envelope(id.service(), id.version(), id.environment()),
        config.clock(),
        limits.includeThread(),
        limits.maxStringLength(),
        limits.maxLineBytes(),
        config.schemas().mode() == dev.correlog.schema.SchemaMode.STRICT,
        new RedactionRef());
  }
}
