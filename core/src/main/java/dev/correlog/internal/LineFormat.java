package dev.correlog.internal;

import java.time.Clock;

/**
 * What every builder and line writer of one {@code Correlog} reads and never changes: the encoded
 * envelope, the clock, the caps, whether lines carry the thread, and whether the schema mode is
 * strict. A plain class, not a {@code record} (core/RATIONALE.md, "Redeploy").
 */
final class LineFormat {
  private final Envelope envelope;
  private final Clock clock;
  private final boolean includeThread;
  private final int maxStringLength;
  private final int maxLineBytes;
  private final boolean strict;
  private final RedactionRef redaction;

  LineFormat(
      Envelope envelope,
      Clock clock,
      boolean includeThread,
      int maxStringLength,
      int maxLineBytes,
      boolean strict,
      RedactionRef redaction) {
    this.envelope = envelope;
    this.clock = clock;
    this.includeThread = includeThread;
    this.maxStringLength = maxStringLength;
    this.maxLineBytes = maxLineBytes;
    this.strict = strict;
    this.redaction = redaction;
  }

  Envelope envelope() {
    return envelope;
  }

  Clock clock() {
    return clock;
  }

  boolean includeThread() {
    return includeThread;
  }

  int maxStringLength() {
    return maxStringLength;
  }

  int maxLineBytes() {
    return maxLineBytes;
  }

  boolean strict() {
    return strict;
  }

  RedactionRef redaction() {
    return redaction;
  }

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
