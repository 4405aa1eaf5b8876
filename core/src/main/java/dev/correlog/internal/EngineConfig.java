package dev.correlog.internal;

import dev.correlog.Level;
import dev.correlog.sampling.ErrorBoost;
import dev.correlog.sampling.ErrorFlush;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaMode;
import dev.correlog.sink.Sink;
import java.time.Clock;
import java.util.List;

/**
 * What {@code Correlog.Builder} resolved, handed to the {@link Engine}, as a few small values named
 * by what they configure. Plain classes, not {@code record}s (core/RATIONALE.md, "Redeploy").
 */
public final class EngineConfig {
  private final Identity identity;
  private final LineLimits limits;
  private final SamplingSetup sampling;
  private final Schemas schemas;
  private final Sink sink;
  private final Clock clock;
  private final boolean countDisabled;

  public EngineConfig(
      Identity identity,
      LineLimits limits,
      SamplingSetup sampling,
      Schemas schemas,
      Sink sink,
      Clock clock,
      boolean countDisabled) {
    this.identity = identity;
    this.limits = limits;
    this.sampling = sampling;
    this.schemas = schemas;
    this.sink = sink;
    this.clock = clock;
    this.countDisabled = countDisabled;
  }

  public Identity identity() {
    return identity;
  }

  public LineLimits limits() {
    return limits;
  }

  public SamplingSetup sampling() {
    return sampling;
  }

  public Schemas schemas() {
    return schemas;
  }

  public Sink sink() {
    return sink;
  }

  public Clock clock() {
    return clock;
  }

  /** Whether events below their logger's level are counted (a store per such event). */
  public boolean countDisabled() {
    return countDisabled;
  }

  /** Who writes the lines: the envelope's {@code service}, {@code version}, {@code environment}. */
  public static final class Identity {
    private final String service;
    private final String version;
    private final String environment;

    public Identity(String service, String version, String environment) {
      this.service = service;
      this.version = version;
      this.environment = environment;
    }

    public String service() {
      return service;
    }

    public String version() {
      return version;
    }

    public String environment() {
      return environment;
    }
  }

  /** The shape of a line: whether it carries {@code thread}, and its string and line caps. */
  public static final class LineLimits {
    private final boolean includeThread;
    private final int maxStringLength;
    private final int maxLineBytes;

    public LineLimits(boolean includeThread, int maxStringLength, int maxLineBytes) {
      this.includeThread = includeThread;
      this.maxStringLength = maxStringLength;
      this.maxLineBytes = maxLineBytes;
    }

    public boolean includeThread() {
      return includeThread;
    }

    public int maxStringLength() {
      return maxStringLength;
    }

    public int maxLineBytes() {
      return maxLineBytes;
    }
  }

  /** The lowest level, head sampling, and the optional error flush and error boost (or null). */
  public static final class SamplingSetup {
    private final Level level;
    private final double headRatio;
    private final Level alwaysKeep;
    private final ErrorFlush errorFlush;
    private final ErrorBoost errorBoost;

    public SamplingSetup(
        Level level,
        double headRatio,
        Level alwaysKeep,
        ErrorFlush errorFlush,
        ErrorBoost errorBoost) {
      this.level = level;
      this.headRatio = headRatio;
      this.alwaysKeep = alwaysKeep;
      this.errorFlush = errorFlush;
      this.errorBoost = errorBoost;
    }

    public Level level() {
      return level;
    }

    public double headRatio() {
      return headRatio;
    }

    public Level alwaysKeep() {
      return alwaysKeep;
    }

    public ErrorFlush errorFlush() {
      return errorFlush;
    }

    public ErrorBoost errorBoost() {
      return errorBoost;
    }
  }

  /** The schema mode and the schemas declared up front. */
  public static final class Schemas {
    private final SchemaMode mode;
    private final List<EventSchema> declared;

    public Schemas(SchemaMode mode, List<EventSchema> declared) {
      this.mode = mode;
      this.declared = declared;
    }

    public SchemaMode mode() {
      return mode;
    }

    public List<EventSchema> declared() {
      return declared;
    }
  }
}
