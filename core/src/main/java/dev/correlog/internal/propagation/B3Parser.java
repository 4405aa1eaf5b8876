package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.internal.Hex;

/**
 * Parses B3 values: lengths and delimiters are checked before any digit is read, and nothing but
 * the context itself is allocated. Trace ids are 16 or 32 lowercase hex characters (16 is
 * left-padded with zeros), span ids 16; all-zero trace, span or parent ids are invalid.
 */
final class B3Parser {
  /** Marker returned by {@link #single} for a valid lone sampling decision; never escapes. */
  static final TraceContext SAMPLING_ONLY = TraceContext.of(1, 1, 1, 0, (byte) 0, null, null);

  private B3Parser() {}

  /**
   * {@code {traceid}-{spanid}[-{sampling}[-{parentspanid}]]}: the context, {@link #SAMPLING_ONLY}
   * for a lone {@code 0}, {@code 1} or {@code d}, or null when invalid.
   */
  static TraceContext single(String s) {
    int b = CarrierAccess.trimStart(s, 0, s.length());
    int e = CarrierAccess.trimEnd(s, b, s.length());
    int n = e - b;
    if (n == 1) {
      return sampling(s.charAt(b)) >= 0 ? SAMPLING_ONLY : null;
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
    int sampled = 0;
    int parent = -1;
    if (p < e) {
      if (p + 2 > e || s.charAt(p) != '-') {
        return null;
      }
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
    return build(s, b, traceLength, s, span, parent >= 0 ? s : null, parent, sampled == 1);
  }

  /** X-B3-* values, each possibly with surrounding whitespace; null when invalid. */
  static TraceContext multi(String traceId, String spanId, String parentId, boolean sampled) {
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

  /** Parses and validates the ids, whose lengths were checked; null when invalid or zero. */
  private static TraceContext build(
      String t, int tb, int tl, String s, int sb, String p, int pb, boolean sampled) {
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
    if ((high == 0 && low == 0) || span == 0 || (p != null && parent == 0)) {
      return null;
    }
    byte flags = sampled ? TraceContext.FLAG_SAMPLED : 0;
    return TraceContext.of(high, low, span, parent, flags, null, null);
  }

  /** 1 for {@code 1} or {@code d} (debug), 0 for {@code 0}, -1 otherwise. */
  private static int sampling(char c) {
    return c == '1' || c == 'd' ? 1 : c == '0' ? 0 : -1;
  }

  /** For a {@code b3} value: 1 or 0 when it is a lone sampling decision, -1 otherwise. */
  static int loneSampling(String s) {
    if (s.length() > B3Propagator.MAX_LENGTH) {
      return -1;
    }
    int b = CarrierAccess.trimStart(s, 0, s.length());
    int e = CarrierAccess.trimEnd(s, b, s.length());
    return e - b == 1 ? sampling(s.charAt(b)) : -1;
  }

  /** {@code X-B3-Sampled}: 1 for {@code 1}/{@code true}, 0 for {@code 0}/{@code false}, else -1. */
  static int sampledHeader(String s) {
    if (s == null || s.length() > 16) {
      return -1;
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

  /** {@code X-B3-Flags: 1} means debug, which implies sampled. */
  static boolean debugFlag(String s) {
    if (s == null || s.length() > 16) {
      return false;
    }
    int b = CarrierAccess.trimStart(s, 0, s.length());
    int e = CarrierAccess.trimEnd(s, b, s.length());
    return e - b == 1 && s.charAt(b) == '1';
  }
}
