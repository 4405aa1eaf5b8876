package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Setter;
import java.util.List;

/** Reads nothing and writes nothing: every request starts a new trace. */
public final class NoopPropagator implements Propagator {
  public static final NoopPropagator INSTANCE = new NoopPropagator();

  private NoopPropagator() {}

  @Override
  public List<String> fields() {
    return List.of();
  }

  @Override
  public <C> Extracted extract(C carrier, Getter<C> getter) {
    return Extracted.empty();
  }

  @Override
  public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {}
}
