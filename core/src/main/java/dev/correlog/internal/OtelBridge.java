package dev.correlog.internal;

import dev.correlog.context.TraceContext;

/** OpenTelemetry interop (filled in by the context work). */
public final class OtelBridge {
  private OtelBridge() {}

  public static TraceContext effective(TraceContext correlogCurrent) {
    return correlogCurrent;
  }
}
