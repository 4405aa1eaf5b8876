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
 * by what they configure.
 */
public record EngineConfig(
    EngineConfig.Identity identity,
    EngineConfig.LineLimits limits,
    EngineConfig.SamplingSetup sampling,
    EngineConfig.Schemas schemas,
    Sink sink,
    Clock clock) {

  /** Who writes the lines: the envelope's {@code service}, {@code version}, {@code environment}. */
  public record Identity(String service, String version, String environment) {}

  /** The shape of a line: whether it carries {@code thread}, and its string and line caps. */
  public record LineLimits(boolean includeThread, int maxStringLength, int maxLineBytes) {}

  /** The lowest level, head sampling, and the optional error flush and error boost (or null). */
  public record SamplingSetup(
      Level level,
      double headRatio,
      Level alwaysKeep,
      ErrorFlush errorFlush,
      ErrorBoost errorBoost) {}

  /** The schema mode and the schemas declared up front. */
  public record Schemas(SchemaMode mode, List<EventSchema> declared) {}
}
