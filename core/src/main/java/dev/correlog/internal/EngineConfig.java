package dev.correlog.internal;

import dev.correlog.Level;
import dev.correlog.sampling.ErrorBoost;
import dev.correlog.sampling.ErrorFlush;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaMode;
import dev.correlog.sink.Sink;
import java.time.Clock;
import java.util.List;

/** What {@code Correlog.Builder} resolved, handed to the {@link Engine}. */
public record EngineConfig(
    String service,
    String version,
    String environment,
    Sink sink,
    Clock clock,
    SchemaMode schemaMode,
    List<EventSchema> schemas,
    Level level,
    boolean includeThread,
    int maxStringLength,
    int maxLineBytes,
    double headRatio,
    Level alwaysKeep,
    ErrorFlush errorFlush,
    ErrorBoost errorBoost) {}
