package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.SamplingDecision;
import dev.correlog.propagation.Setter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Several formats at once. Every extractor runs, in order, and their {@link Extracted} values are
 * merged by one rule, whoever wrote the members: the first context found wins, with its decision
 * and tracestate; the first request id found is attached; without any context, the first decision
 * found (a lone {@code b3: 0}) is kept. One refinement: W3C's flags cannot say "no decision", so
 * when the winner says {@link SamplingDecision#NOT_SAMPLED} and a later member found the same trace
 * id and span id with {@link SamplingDecision#DEFERRED} (a {@code b3} without a sampling field sent
 * beside it), the decision is deferred. Injection writes every format of the inject set. Nested
 * composites are flattened and repeated members kept once. A member that throws or returns null is
 * reported once and skipped: the composite itself never throws.
 *
 * <p>The headers of every built-in member are looked up at once, before any member runs ({@link
 * Getter#getEach}: one pass over a carrier that can list its headers); a user-written member reads
 * the carrier through the getter itself.
 */
public final class CompositePropagator implements Propagator {
  private final Propagator[] extractors;
  private final Propagator[] injectors;
  private final List<String> fields;

  /** The names of the built-in members' headers, group after group. */
  private final List<String> names;

  /** Per extractor, the offset of its values in the looked-up array; -1 for a user's propagator. */
  private final int[] at;

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
    Set<String> f = new LinkedHashSet<>();
    for (Propagator p : inject) {
      f.addAll(p.fields());
    }
    this.extractors = extract.toArray(new Propagator[0]);
    this.injectors = inject.toArray(new Propagator[0]);
    this.fields = Collections.unmodifiableList(new ArrayList<>(f));
    List<String> n = new ArrayList<>();
    int[] startOf = new int[HeaderLookup.SIZE]; // by group: where its names start in n, or -1
    Arrays.fill(startOf, -1);
    this.at = new int[extractors.length];
    for (int i = 0; i < extractors.length; i++) {
      at[i] = -1;
      if (extractors[i] instanceof BuiltInFormat) {
        int group = ((BuiltInFormat) extractors[i]).group();
        if (startOf[group] < 0) {
          startOf[group] = n.size();
          n.addAll(HeaderLookup.names(group));
        }
        at[i] = startOf[group];
      }
    }
    this.names = HeaderNames.of(n);
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
  public <C> Extracted extract(C carrier, Getter<C> getter) {
    String[][] holder = names.isEmpty() ? null : HeaderLookup.holder();
    String[] values = holder == null ? null : HeaderLookup.take(holder);
    try {
      if (values != null) {
        HeaderLookup.fill(getter, carrier, names, values);
      }
      Extracted winner = null;
      SamplingDecision lone = null;
      String requestId = null;
      boolean deferred = false;
      for (int i = 0; i < extractors.length; i++) {
        Extracted e = member(extractors[i], at[i], values, carrier, getter);
        if (e == null) {
          continue;
        }
        TraceContext c = e.context();
        if (c != null) {
          if (winner == null) {
            winner = e;
          } else if (winner.sampling() == SamplingDecision.NOT_SAMPLED
              && e.sampling() == SamplingDecision.DEFERRED
              && sameIds(winner.context(), c)) {
            deferred = true;
          }
        } else if (lone == null && e.sampling() != SamplingDecision.DEFERRED) {
          lone = e.sampling();
        }
        if (requestId == null) {
          requestId = e.requestId();
        }
      }
      if (winner == null) {
        return Extracted.empty().withSampling(lone).withRequestId(requestId);
      }
      if (deferred) {
        winner = winner.withSampling(SamplingDecision.DEFERRED);
      }
      return winner.requestId() == null && requestId != null
          ? winner.withRequestId(requestId)
          : winner;
    } catch (Throwable e) {
      CarrierAccess.failed("extract", e);
      return Extracted.empty();
    } finally {
      if (holder != null) {
        HeaderLookup.give(holder, values);
      }
    }
  }

  private static <C> Extracted member(
      Propagator p, int at, String[] values, C carrier, Getter<C> getter) {
    try {
      Extracted e = at >= 0 ? ((BuiltInFormat) p).read(values, at) : p.extract(carrier, getter);
      if (e == null) {
        CarrierAccess.failed(
            "extract", new NullPointerException(p.getClass().getName() + " returned null"));
      }
      return e;
    } catch (Throwable t) {
      CarrierAccess.failed("extract", t);
      return null;
    }
  }

  private static boolean sameIds(TraceContext a, TraceContext b) {
    return a.traceIdHigh() == b.traceIdHigh()
        && a.traceIdLow() == b.traceIdLow()
        && a.spanId() == b.spanId();
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
        CarrierAccess.failed("inject", e);
      }
    }
  }
}
