package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Setter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Several formats at once. Extraction tries the formats in order and the first context found wins;
 * then every extractor's {@link ExtractHooks#decorate} runs (this is how {@code x-request-id} is
 * attached). Injection writes every format of the inject set. Nested composites are flattened and
 * repeated members kept once, so no hook runs twice. A member that throws is reported once and
 * skipped: the composite itself never throws.
 */
public final class CompositePropagator implements Propagator, ExtractHooks {
  private final Propagator[] extractors;
  private final ExtractHooks[] hooks;
  private final Propagator[] injectors;
  private final List<String> fields;

  public CompositePropagator(List<Propagator> extractOrder, List<Propagator> injectSet) {
    Objects.requireNonNull(extractOrder, "extractOrder");
    Objects.requireNonNull(injectSet, "injectSet");
    Set<Propagator> extract = new LinkedHashSet<>();
    Set<Propagator> inject = new LinkedHashSet<>();
    for (Propagator p : extractOrder) {
      flatten(p, extract, true);
    }
    for (Propagator p : injectSet) {
      flatten(p, inject, false);
    }
    List<ExtractHooks> h = new ArrayList<>();
    for (Propagator p : extract) {
      if (p instanceof ExtractHooks) {
        h.add((ExtractHooks) p);
      }
    }
    Set<String> f = new LinkedHashSet<>();
    for (Propagator p : inject) {
      f.addAll(p.fields());
    }
    this.extractors = extract.toArray(new Propagator[0]);
    this.hooks = h.toArray(new ExtractHooks[0]);
    this.injectors = inject.toArray(new Propagator[0]);
    this.fields = Collections.unmodifiableList(new ArrayList<>(f));
  }

  private static void flatten(Propagator p, Set<Propagator> into, boolean extract) {
    Objects.requireNonNull(p, "propagator");
    if (p instanceof CompositePropagator) {
      CompositePropagator c = (CompositePropagator) p;
      Collections.addAll(into, extract ? c.extractors : c.injectors);
    } else {
      into.add(p);
    }
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  @Override
  public <C> TraceContext extract(C carrier, Getter<C> getter) {
    TraceContext ctx = null;
    for (Propagator p : extractors) {
      try {
        ctx = p.extract(carrier, getter);
      } catch (Throwable e) {
        CarrierAccess.rethrowIfFatal(e);
        CarrierAccess.failed("extract", e);
      }
      if (ctx != null) {
        return decorate(ctx, carrier, getter);
      }
    }
    return null;
  }

  @Override
  public <C> TraceContext decorate(TraceContext extracted, C carrier, Getter<C> getter) {
    TraceContext ctx = extracted;
    for (ExtractHooks h : hooks) {
      try {
        ctx = h.decorate(ctx, carrier, getter);
      } catch (Throwable e) {
        CarrierAccess.rethrowIfFatal(e);
        CarrierAccess.failed("extract", e);
      }
    }
    return ctx;
  }

  @Override
  public <C> TraceContext seedRoot(TraceContext root, C carrier, Getter<C> getter) {
    TraceContext ctx = root;
    for (ExtractHooks h : hooks) {
      try {
        ctx = h.seedRoot(ctx, carrier, getter);
      } catch (Throwable e) {
        CarrierAccess.rethrowIfFatal(e);
        CarrierAccess.failed("extract", e);
      }
    }
    return ctx;
  }

  @Override
  public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
    if (context == null) {
      return;
    }
    for (Propagator p : injectors) {
      try {
        p.inject(context, carrier, setter);
      } catch (Throwable e) {
        CarrierAccess.rethrowIfFatal(e);
        CarrierAccess.failed("inject", e);
      }
    }
  }
}
