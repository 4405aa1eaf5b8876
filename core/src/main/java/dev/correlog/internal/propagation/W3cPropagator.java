package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.internal.Hex;
import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Setter;
import java.util.List;

/**
 * W3C Trace Context Level 2: {@code traceparent} and {@code tracestate}.
 *
 * <p>{@code traceparent} is {@code version-traceid-parentid-flags} in lowercase hex. Version 00 is
 * exactly 55 characters; a higher version is read by its first four fields, which must be followed
 * by {@code '-'} or the end, and may be of any length, as the spec says future versions may be
 * longer (what follows the flags is checked for a comma and otherwise neither read nor kept);
 * version ff, all-zero ids, uppercase and wrong lengths are invalid. Surrounding spaces and tabs
 * are ignored. A comma anywhere means the header was sent twice and the values were joined, which
 * is invalid too. Only the sampled and random flags are kept, and the header is always re-emitted
 * as version 00. Without a valid {@code traceparent} the {@code tracestate} is not read; an invalid
 * {@code tracestate} is dropped whole (see {@link TraceStates}) and never invalidates the {@code
 * traceparent}. The {@code tracestate} is kept as received and checked when the context's {@link
 * TraceContext#traceState()} first reads it ({@link TraceContext#received}), not during extraction.
 * The sampled flag is the caller's decision: W3C has no "deferred" state, so extraction gives
 * {@code SAMPLED} or {@code NOT_SAMPLED}.
 */
public final class W3cPropagator implements Propagator, BuiltInFormat {
  public static final W3cPropagator INSTANCE = new W3cPropagator();

  static final String TRACEPARENT = HeaderLookup.W3C_NAMES.get(0);
  static final String TRACESTATE = HeaderLookup.W3C_NAMES.get(1);

  private static final int V00_LENGTH = 55;
  private static final List<String> FIELDS = HeaderLookup.W3C_NAMES;

  private W3cPropagator() {}

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  /**
   * Two plain lookups, no scratch array: {@code tracestate} is asked for only after a valid {@code
   * traceparent}, so a carrier without one costs a single lookup.
   */
  @Override
  public <C> Extracted extract(C carrier, Getter<C> getter) {
    try {
      String tp = CarrierAccess.get(getter, carrier, TRACEPARENT);
      return tp == null ? Extracted.empty() : Extracted.of(parse(tp, null, carrier, getter));
    } catch (Throwable e) {
      CarrierAccess.failed("w3c extract", e);
      return Extracted.empty();
    }
  }

  @Override
  public int group() {
    return HeaderLookup.W3C;
  }

  @Override
  public Extracted read(String[] values, int at) {
    String tp = values[at];
    return tp == null ? Extracted.empty() : Extracted.of(parse(tp, values[at + 1], null, null));
  }

  /**
   * The context of {@code traceparent} {@code s}, or null when invalid; its {@code tracestate} is
   * {@code ts}, or, when {@code getter} is not null, read from {@code carrier} once {@code s}
   * proved valid.
   */
  private static <C> TraceContext parse(String s, String ts, C carrier, Getter<C> getter) {
    int b = CarrierAccess.trimStart(s, 0, s.length());
    int e = CarrierAccess.trimEnd(s, b, s.length());
    int n = e - b;
    if (n < V00_LENGTH) {
      return null;
    }
    int version = Hex.parse2(s, b);
    if (version < 0) {
      return null;
    }
    if (version == 0xff || (n != V00_LENGTH && (version == 0 || !futureTail(s, b + 55, e)))) {
      return null;
    }
    if (s.charAt(b + 2) != '-' || s.charAt(b + 35) != '-' || s.charAt(b + 52) != '-') {
      return null;
    }
    long h0 = Hex.parse8(s, b + 3);
    long h1 = Hex.parse8(s, b + 11);
    long l0 = Hex.parse8(s, b + 19);
    long l1 = Hex.parse8(s, b + 27);
    long s0 = Hex.parse8(s, b + 36);
    long s1 = Hex.parse8(s, b + 44);
    int f = Hex.parse2(s, b + 53);
    if ((h0 | h1 | l0 | l1 | s0 | s1 | f) < 0) {
      return null;
    }
    long high = h0 << 32 | h1;
    long low = l0 << 32 | l1;
    long span = s0 << 32 | s1;
    if ((high == 0 && low == 0) || span == 0) {
      return null;
    }
    byte flags = (byte) (f & (TraceContext.FLAG_SAMPLED | TraceContext.FLAG_RANDOM));
    String raw = getter != null ? CarrierAccess.get(getter, carrier, TRACESTATE) : ts;
    return TraceContext.received(high, low, span, flags, raw);
  }

  /** A future version's extra fields: a '-' right after the flags, and no comma (a joined pair). */
  private static boolean futureTail(String s, int at, int end) {
    if (s.charAt(at) != '-') {
      return false;
    }
    for (int i = at + 1; i < end; i++) {
      if (s.charAt(i) == ',') {
        return false;
      }
    }
    return true;
  }

  @Override
  public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
    if (context == null) {
      return;
    }
    try {
      setter.set(carrier, TRACEPARENT, traceparent(context));
      String ts = TraceStates.forInject(context.traceState());
      if (ts != null) {
        setter.set(carrier, TRACESTATE, ts);
      }
    } catch (Throwable e) {
      CarrierAccess.failed("w3c inject", e);
    }
  }

  /**
   * The version 00 {@code traceparent} of {@code context}. The id hex strings are the context's
   * own, built once and shared with every log line; copying them beats encoding the longs again.
   */
  static String traceparent(TraceContext context) {
    char[] c = InjectBuffer.get();
    c[0] = '0';
    c[1] = '0';
    c[2] = '-';
    context.traceIdHex().getChars(0, 32, c, 3);
    c[35] = '-';
    context.spanIdHex().getChars(0, 16, c, 36);
    c[52] = '-';
    c[53] = '0';
    c[54] =
        (char) ('0' + (context.flags() & (TraceContext.FLAG_SAMPLED | TraceContext.FLAG_RANDOM)));
    return new String(c, 0, V00_LENGTH);
  }
}
