package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.internal.Hex;

/**
 * Parses B3 values: lengths and delimiters are checked before any digit is read, and nothing but
 * the context itself is allocated. Trace ids are 16 or 32 lowercase hex characters (16 is
 * left-padded with zeros), span ids 16; all-zero trace or span ids are invalid. An all-zero parent
 * span id means "no parent" (as OpenTelemetry and Brave read it), so the context is kept. Ids
 * without a sampling decision give an undecided (deferred) context.
 */
final class B3Parser {
  /** Markers returned by {@link #single} for a valid lone sampling decision; never escape. */
  static final TraceContext LONE_SAMPLED = TraceContext.of(1, 1, 1, 0, (byte) 1, null, null);

  static final TraceContext LONE_NOT_SAMPLED = TraceContext.of(1, 1, 1, 0, (byte) 0, null, null);

  private B3Parser() {}

  /**
   * {@code {traceid}-{spanid}[-{sampling}[-{parentspanid}]]}, or {@code
   * {traceid}-{spanid}-{parent}} (a parent without a sampling field, as Brave accepts): the context
   * (undecided when there is no sampling field), {@link #LONE_SAMPLED} or {@link #LONE_NOT_SAMPLED}
   * for a lone {@code 1}/{@code d} or {@code 0}, or null when invalid.
   */
  static TraceContext single(String s) {
    int b = CarrierAccess.trimStart(s, 0, s.length());
    int e = CarrierAccess.trimEnd(s, b, s.length());
    int n = e - b;
    if (n == 1) {
      int d = sampling(s.charAt(b));
      return d < 0 ? null : d == 1 ? LONE_SAMPLED : LONE_NOT_SAMPLED;
    }
    int traceLength;
    if (n >= 33 && s.charAt(b + 16) == '-') {
      traceLength = 16;
    } else if (n >= 49 && s.charAt(b + 32) == '-') {
      traceLength = 32;
    } else {
      return null;
    }
    int span = b + traceLength + 1;
    int p = span + 16;
    int sampled = -1;
    int parent = -1;
    if (p < e) {
      if (p + 2 > e || s.charAt(p) != '-') {
        return null;
      }
      if (p + 17 == e) { // {trace}-{span}-{parent}: no sampling field
        parent = p + 1;
      } else {
        sampled = sampling(s.charAt(p + 1));
        p += 2;
        if (sampled < 0) {
          return null;
        }
        if (p < e) {
          if (p + 17 != e || s.charAt(p) != '-') {
            return null;
          }
          parent = p + 1;
        }
      }
    }
    return build(s, b, traceLength, s, span, parent >= 0 ? s : null, parent, sampled);
  }

  /**
   * X-B3-* values, each possibly with surrounding whitespace, and the decision (1, 0, -1 for none);
   * null when invalid.
   */
  static TraceContext multi(String traceId, String spanId, String parentId, int sampled) {
    // Values are usually sent bare: parse them as they are, and trim only when that fails. A value
    // whose every character is hex has nothing to trim, so the answer is the trimmed one.
    int tn = traceId.length();
    if ((tn == 16 || tn == 32)
        && spanId.length() == 16
        && (parentId == null || parentId.length() == 16)) {
      TraceContext c = build(traceId, 0, tn, spanId, 0, parentId, 0, sampled);
      if (c != null) {
        return c;
      }
    }
    int tb = CarrierAccess.trimStart(traceId, 0, traceId.length());
    int tl = CarrierAccess.trimEnd(traceId, tb, traceId.length()) - tb;
    int sb = CarrierAccess.trimStart(spanId, 0, spanId.length());
    int sl = CarrierAccess.trimEnd(spanId, sb, spanId.length()) - sb;
    if ((tl != 16 && tl != 32) || sl != 16) {
      return null;
    }
    int pb = -1;
    if (parentId != null) {
      pb = CarrierAccess.trimStart(parentId, 0, parentId.length());
      int pl = CarrierAccess.trimEnd(parentId, pb, parentId.length()) - pb;
      if (pl != 16) {
        return null;
      }
    }
    return build(traceId, tb, tl, spanId, sb, parentId, pb, sampled);
  }

  /**
   * Parses and validates the ids, whose lengths were checked; null when invalid or zero. {@code
   * sampled}: 1, 0, or -1 for no decision (an undecided context).
   */
  private static TraceContext build(
      String t, int tb, int tl, String s, int sb, String p, int pb, int sampled) {
    long h0 = tl == 32 ? Hex.parse8(t, tb) : 0;
    long h1 = tl == 32 ? Hex.parse8(t, tb + 8) : 0;
    long l0 = Hex.parse8(t, tb + tl - 16);
    long l1 = Hex.parse8(t, tb + tl - 8);
    long s0 = Hex.parse8(s, sb);
    long s1 = Hex.parse8(s, sb + 8);
    long p0 = p != null ? Hex.parse8(p, pb) : 0;
    long p1 = p != null ? Hex.parse8(p, pb + 8) : 0;
    if ((h0 | h1 | l0 | l1 | s0 | s1 | p0 | p1) < 0) {
      return null;
    }
    long high = h0 << 32 | h1;
    long low = l0 << 32 | l1;
    long span = s0 << 32 | s1;
    long parent = p0 << 32 | p1;
    if ((high == 0 && low == 0) || span == 0) {
      return null;
    }
    byte flags = sampled == 1 ? TraceContext.FLAG_SAMPLED : 0;
    TraceContext c = TraceContext.of(high, low, span, parent, flags, null, null);
    return sampled < 0 ? c.withSamplingDeferred() : c;
  }

  /** 1 for {@code 1} or {@code d} (debug), 0 for {@code 0}, -1 otherwise. */
  private static int sampling(char c) {
    return c == '1' || c == 'd' ? 1 : c == '0' ? 0 : -1;
  }

  /**
   * {@code X-B3-Sampled}: 1 for {@code 1}/{@code true}, 0 for {@code 0}/{@code false}, else -1.
   * Spaces and tabs around it are not part of it, however many: only a value over {@link
   * B3Propagator#MAX_LENGTH} is not read, as for every {@code X-B3-*} header.
   */
  static int sampledHeader(String s) {
    if (s == null || s.length() > B3Propagator.MAX_LENGTH) {
      return -1;
    }
    if (s.length() == 1) { // the usual bare 1 or 0; a lone space or tab is -1 here as trimmed
      char c = s.charAt(0);
      return c == '1' ? 1 : c == '0' ? 0 : -1;
    }
    int b = CarrierAccess.trimStart(s, 0, s.length());
    int e = CarrierAccess.trimEnd(s, b, s.length());
    int n = e - b;
    if (n == 1) {
      char c = s.charAt(b);
      return c == '1' ? 1 : c == '0' ? 0 : -1;
    }
    if (n == 4 && s.regionMatches(true, b, "true", 0, 4)) {
      return 1;
    }
    return n == 5 && s.regionMatches(true, b, "false", 0, 5) ? 0 : -1;
  }

  /**
   * {@code X-B3-Flags: 1} means debug, which implies sampled. Spaces and tabs around it are
   * ignored, as for {@link #sampledHeader}.
   */
  static boolean debugFlag(String s) {
    if (s == null || s.length() > B3Propagator.MAX_LENGTH) {
      return false;
    }
    int b = CarrierAccess.trimStart(s, 0, s.length());
    int e = CarrierAccess.trimEnd(s, b, s.length());
    return e - b == 1 && s.charAt(b) == '1';
  }
}
