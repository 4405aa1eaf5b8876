package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Setter;
import java.util.List;

/**
 * B3 (openzipkin/b3-propagation). Both instances extract the same way: the single {@code b3} header
 * first, then, when it is absent or invalid, the {@code X-B3-*} headers. They differ in what they
 * inject: {@link #SINGLE} writes {@code b3: {trace32}-{span}-{1|0}}, {@link #MULTI} writes {@code
 * X-B3-TraceId}, {@code X-B3-SpanId} and {@code X-B3-Sampled}. The parent span id is never
 * injected. The sampled flag is treated as the sampling decision, so it is always written.
 *
 * <p>A lone sampling decision ({@code b3: 0}, {@code 1} or {@code d}, or {@code X-B3-Sampled}
 * without ids) is a valid header that carries no context: {@link #extract} returns null and {@link
 * #seedRoot} gives the new root that decision as its sampled flag.
 */
public final class B3Propagator implements Propagator, ExtractHooks {
  public static final B3Propagator SINGLE = new B3Propagator(true);
  public static final B3Propagator MULTI = new B3Propagator(false);

  static final String B3 = "b3";
  static final String TRACE_ID = "X-B3-TraceId";
  static final String SPAN_ID = "X-B3-SpanId";
  static final String PARENT_SPAN_ID = "X-B3-ParentSpanId";
  static final String SAMPLED = "X-B3-Sampled";
  static final String FLAGS = "X-B3-Flags";

  /** Longer values are ignored without being read. */
  static final int MAX_LENGTH = 512;

  private static final int SINGLE_LENGTH = 51; // 32 + 1 + 16 + 1 + 1

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

  @Override
  public <C> TraceContext extract(C carrier, Getter<C> getter) {
    try {
      String b3 = CarrierAccess.get(getter, carrier, B3);
      if (b3 != null && b3.length() <= MAX_LENGTH) {
        TraceContext ctx = B3Parser.single(b3);
        if (ctx == B3Parser.SAMPLING_ONLY) {
          return null;
        }
        if (ctx != null) {
          return ctx;
        }
      }
      return multi(carrier, getter);
    } catch (RuntimeException e) {
      CarrierAccess.failed("b3 extract", e);
      return null;
    }
  }

  private static <C> TraceContext multi(C carrier, Getter<C> getter) {
    String traceId = CarrierAccess.get(getter, carrier, TRACE_ID);
    if (traceId == null || traceId.length() > MAX_LENGTH) {
      return null;
    }
    String spanId = CarrierAccess.get(getter, carrier, SPAN_ID);
    if (spanId == null || spanId.length() > MAX_LENGTH) {
      return null;
    }
    String parent = CarrierAccess.get(getter, carrier, PARENT_SPAN_ID);
    if (parent != null && parent.length() > MAX_LENGTH) {
      return null;
    }
    int sampled = B3Parser.sampledHeader(CarrierAccess.get(getter, carrier, SAMPLED));
    if (sampled != 1 && B3Parser.debugFlag(CarrierAccess.get(getter, carrier, FLAGS))) {
      sampled = 1;
    }
    return B3Parser.multi(traceId, spanId, parent, sampled == 1);
  }

  @Override
  public <C> TraceContext seedRoot(TraceContext root, C carrier, Getter<C> getter) {
    try {
      String b3 = CarrierAccess.get(getter, carrier, B3);
      if (b3 != null) {
        int decision = B3Parser.loneSampling(b3);
        return decision < 0 ? root : root.withSampled(decision == 1);
      }
      if (CarrierAccess.get(getter, carrier, TRACE_ID) != null) {
        return root;
      }
      int decision = B3Parser.sampledHeader(CarrierAccess.get(getter, carrier, SAMPLED));
      if (B3Parser.debugFlag(CarrierAccess.get(getter, carrier, FLAGS))) {
        decision = 1;
      }
      return decision < 0 ? root : root.withSampled(decision == 1);
    } catch (RuntimeException e) {
      CarrierAccess.failed("b3 extract", e);
      return root;
    }
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
        setter.set(carrier, SAMPLED, context.isSampled() ? "1" : "0");
      }
    } catch (Throwable e) {
      CarrierAccess.rethrowIfFatal(e);
      CarrierAccess.failed("b3 inject", e);
    }
  }

  /** {@code {trace32}-{span}-{1|0}}, from the context's cached id hex strings. */
  static String singleValue(TraceContext context) {
    char[] c = InjectBuffer.get();
    context.traceIdHex().getChars(0, 32, c, 0);
    c[32] = '-';
    context.spanIdHex().getChars(0, 16, c, 33);
    c[49] = '-';
    c[50] = context.isSampled() ? '1' : '0';
    return new String(c, 0, SINGLE_LENGTH);
  }
}
