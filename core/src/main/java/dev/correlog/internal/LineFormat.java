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
    boolean strict) {

  static LineFormat of(EngineConfig config) {
    EngineConfig.Identity id = config.identity();
    EngineConfig.LineLimits limits = config.limits();
    return new LineFormat(
        new Envelope(id.service(), id.version(), id.environment()),
        config.clock(),
        limits.includeThread(),
        limits.maxStringLength(),
        limits.maxLineBytes(),
        config.schemas().mode() == dev.correlog.schema.SchemaMode.STRICT);
  }
}
