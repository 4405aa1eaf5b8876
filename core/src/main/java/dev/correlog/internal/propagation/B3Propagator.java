package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.SamplingDecision;
import dev.correlog.propagation.Setter;
import java.util.List;
import java.util.Map;

/**
 * B3 (openzipkin/b3-propagation). Both instances extract the same way and differ in what they
 * inject: {@link #SINGLE} writes {@code b3: {trace32}-{span}[-{1|0}]}, {@link #MULTI} writes {@code
 * X-B3-TraceId}, {@code X-B3-SpanId} and, when the context has a decision, {@code X-B3-Sampled}.
 * The parent span id is never injected; an undecided context is sent without a decision.
 *
 * <p>Extraction, one rule: a valid {@code b3} header (ids, or a lone {@code 0}, {@code 1} or {@code
 * d}) wins; when {@code b3} is absent, longer than 512 characters or invalid, the {@code X-B3-*}
 * headers are read as if it were not there: ids with {@code X-B3-Sampled} (or {@code X-B3-Flags:
 * 1}, debug) and, without ids, a lone decision. Ids without a decision are deferred; an invalid
 * {@code X-B3-Sampled} value counts as none.
 */
public final class B3Propagator implements Propagator, BuiltInFormat {
  static final String B3 = HeaderLookup.B3_NAMES.get(0);
  static final String TRACE_ID = HeaderLookup.B3_NAMES.get(1);
  static final String SPAN_ID = HeaderLookup.B3_NAMES.get(2);
  static final String PARENT_ID = HeaderLookup.B3_NAMES.get(3);
  static final String SAMPLED = HeaderLookup.B3_NAMES.get(4);
  static final String FLAGS = HeaderLookup.B3_NAMES.get(5);

  /** Longer values are ignored without being read. */
  static final int MAX_LENGTH = 512;

  private static final Extracted LONE_SAMPLED =
      Extracted.empty().withSampling(SamplingDecision.SAMPLED);
  private static final Extracted LONE_NOT_SAMPLED =
      Extracted.empty().withSampling(SamplingDecision.NOT_SAMPLED);

  // After the names: the constructor reads them.
  public static final B3Propagator SINGLE = new B3Propagator(true);
  public static final B3Propagator MULTI = new B3Propagator(false);

  private final boolean single;
  private final List<String> fields;

  private B3Propagator(boolean single) {
    this.single = single;
    this.fields = single ? List.of(B3) : List.of(TRACE_ID, SPAN_ID, SAMPLED);
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  /**
   * Every B3 header is looked up at once ({@link dev.correlog.propagation.Getter#getEach}), so a
   * getter that lists its headers finds them in one pass, and the absent ones cost nothing more.
   * With {@code Carriers.MAP_GETTER} on a map holding only propagation headers, the same exact
   * lookups are made here, into locals, without the per-thread scratch array.
   */
  @Override
  public <C> Extracted extract(C carrier, Getter<C> getter) {
    if (getter == Carriers.MAP_GETTER) {
      Extracted e = fromPropagationMap(carrier);
      if (e != null) {
        return e;
      }
    }
    String[][] holder = HeaderLookup.holder();
    String[] values = HeaderLookup.take(holder);
    try {
      HeaderLookup.fill(getter, carrier, HeaderLookup.B3_NAMES, values);
      return read(values, 0);
    } catch (Throwable e) {
      CarrierAccess.failed("b3 extract", e);
      return Extracted.empty();
    } finally {
      HeaderLookup.give(holder, values);
    }
  }

  /**
   * {@code Carriers.MAP_GETTER} on a map of at most six keys, each found by an exact lookup (a map
   * holding only propagation headers): what {@link MapHeaders#getEach} would answer (exact lookups
   * in order, stopping once every key was found), read without the scratch array. Null when the
   * general way must answer: a bigger map, a key not found exactly (it may be another case of a
   * name), or anything thrown (the general way reports it).
   */
  private Extracted fromPropagationMap(Object carrier) {
    String b3;
    String traceId = null;
    String spanId = null;
    String parent = null;
    String sampled = null;
    String flags = null;
    try {
      @SuppressWarnings("unchecked")
      Map<String, String> map = (Map<String, String>) carrier;
      int size = map.size();
      if (size == 0 || size > HeaderLookup.B3_NAMES.size()) {
        return null;
      }
      b3 = map.get(B3);
      int found = b3 == null ? 0 : 1;
      if (found < size && (traceId = map.get(TRACE_ID)) != null) {
        found++;
      }
      if (found < size && (spanId = map.get(SPAN_ID)) != null) {
        found++;
      }
      if (found < size && (parent = map.get(PARENT_ID)) != null) {
        found++;
      }
      if (found < size && (sampled = map.get(SAMPLED)) != null) {
        found++;
      }
      if (found < size && (flags = map.get(FLAGS)) != null) {
        found++;
      }
      if (found < size) {
        return null;
      }
    } catch (Throwable t) {
      return null;
    }
    try {
      return read(b3, traceId, spanId, parent, sampled, flags);
    } catch (Throwable e) {
      CarrierAccess.failed("b3 extract", e);
      return Extracted.empty();
    }
  }

  @Override
  public int group() {
    return HeaderLookup.B3;
  }

  /**
   * {@code values[at..at+5]}: {@code b3}, {@code X-B3-TraceId}, {@code X-B3-SpanId}, {@code
   * X-B3-ParentSpanId}, {@code X-B3-Sampled}, {@code X-B3-Flags}.
   */
  @Override
  public Extracted read(String[] values, int at) {
    return read(
        values[at], values[at + 1], values[at + 2], values[at + 3], values[at + 4], values[at + 5]);
  }

  private static Extracted read(
      String b3, String traceId, String spanId, String parent, String sampled, String flags) {
    if (b3 != null && b3.length() <= MAX_LENGTH) {
      TraceContext ctx = B3Parser.single(b3);
      if (ctx == B3Parser.LONE_SAMPLED) {
        return LONE_SAMPLED;
      }
      if (ctx == B3Parser.LONE_NOT_SAMPLED) {
        return LONE_NOT_SAMPLED;
      }
      if (ctx != null) {
        return Extracted.of(ctx);
      }
    }
    return multi(traceId, spanId, parent, sampled, flags);
  }

  private static Extracted multi(
      String traceId, String spanId, String parent, String sampledValue, String flags) {
    if (traceId != null && traceId.length() > MAX_LENGTH) {
      return Extracted.empty();
    }
    int sampled = B3Parser.sampledHeader(sampledValue);
    if (sampled != 1 && B3Parser.debugFlag(flags)) {
      sampled = 1;
    }
    if (traceId == null) {
      return sampled < 0 ? Extracted.empty() : sampled == 1 ? LONE_SAMPLED : LONE_NOT_SAMPLED;
    }
    if (spanId == null || spanId.length() > MAX_LENGTH) {
      return Extracted.empty();
    }
    if (parent != null && parent.length() > MAX_LENGTH) {
      return Extracted.empty();
    }
    return Extracted.of(B3Parser.multi(traceId, spanId, parent, sampled));
  }

  @Override
  public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
    if (context == null) {
      return;
    }
    try {
      if (single) {
        setter.set(carrier, B3, singleValue(context));
      } else {
        setter.set(carrier, TRACE_ID, context.traceIdHex());
        setter.set(carrier, SPAN_ID, context.spanIdHex());
        if (context.isSamplingDecided()) {
          setter.set(carrier, SAMPLED, context.isSampled() ? "1" : "0");
        }
      }
    } catch (Throwable e) {
      CarrierAccess.failed("b3 inject", e);
    }
  }

  /** {@code {trace32}-{span}-{1|0}}, or {@code {trace32}-{span}} when undecided. */
  static String singleValue(TraceContext context) {
    char[] c = InjectBuffer.get();
    context.traceIdHex().getChars(0, 32, c, 0);
    c[32] = '-';
    context.spanIdHex().getChars(0, 16, c, 33);
    if (!context.isSamplingDecided()) {
      return new String(c, 0, 49);
    }
    c[49] = '-';
    c[50] = context.isSampled() ? '1' : '0';
    return new String(c, 0, 51);
  }
}
