package dev.correlog.internal.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.correlog.context.TraceContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link B3Parser#multi} and {@link B3Parser#sampledHeader}, which read bare values without
 * trimming first, against a simple reference that trims, checks the lengths and parses: random
 * values with spaces and tabs around or inside, bad and UTF-16 characters, and zero ids.
 */
class B3MultiParseTest {
  private static final String HEX = "0123456789abcdef";
  private static final char[] ODD = {' ', '\t', 'A', 'g', '-', '\u0130', '\u0161', '\u00e1'};

  private static String trim(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
      b++;
    }
    while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
      e--;
    }
    return s.substring(b, e);
  }

  /** The value of lowercase hex {@code s}, or null when it is not all lowercase hex. */
  private static Long hex(String s) {
    long v = 0;
    for (char c : s.toCharArray()) {
      int d = HEX.indexOf(c);
      if (d < 0) {
        return null;
      }
      v = v * 16 + d;
    }
    return v;
  }

  private static TraceContext reference(String t, String s, String p, int sampled) {
    t = trim(t);
    s = trim(s);
    p = p == null ? null : trim(p);
    if ((t.length() != 16 && t.length() != 32) || s.length() != 16) {
      return null;
    }
    if (p != null && p.length() != 16) {
      return null;
    }
    Long high = t.length() == 32 ? hex(t.substring(0, 16)) : Long.valueOf(0);
    Long low = hex(t.substring(t.length() - 16));
    Long span = hex(s);
    Long parent = p == null ? Long.valueOf(0) : hex(p);
    if (high == null || low == null || span == null || parent == null) {
      return null;
    }
    if ((high == 0 && low == 0) || span == 0) {
      return null;
    }
    byte flags = sampled == 1 ? TraceContext.FLAG_SAMPLED : 0;
    TraceContext c = TraceContext.of(high, low, span, parent, flags, null, null);
    return sampled < 0 ? c.withSamplingDeferred() : c;
  }

  private static String id(SplittableRandom r, int n) {
    StringBuilder b = new StringBuilder();
    boolean zero = r.nextInt(10) == 0;
    for (int i = 0; i < n; i++) {
      b.append(zero ? '0' : HEX.charAt(r.nextInt(16)));
    }
    if (r.nextInt(4) == 0) { // one odd character anywhere
      b.setCharAt(r.nextInt(n), ODD[r.nextInt(ODD.length)]);
    }
    int pad = r.nextInt(5) == 0 ? r.nextInt(10) : 0; // padding, sometimes to 16 or 32 in all
    for (int i = 0; i < pad; i++) {
      char w = r.nextBoolean() ? ' ' : '\t';
      if (r.nextBoolean()) {
        b.insert(0, w);
      } else {
        b.append(w);
      }
    }
    return b.toString();
  }

  @Test
  void multiAgreesWithTheReference() {
    SplittableRandom r = new SplittableRandom(15);
    for (int i = 0; i < 300_000; i++) {
      String t = id(r, r.nextBoolean() ? 32 : r.nextInt(8) == 0 ? 8 + r.nextInt(30) : 16);
      String s = id(r, r.nextInt(8) == 0 ? 8 + r.nextInt(16) : 16);
      String p = r.nextBoolean() ? null : id(r, 16);
      int sampled = r.nextInt(3) - 1;
      assertEquals(
          reference(t, s, p, sampled),
          B3Parser.multi(t, s, p, sampled),
          () -> "[" + t + "] [" + s + "] [" + p + "] " + sampled);
    }
  }

  @Test
  void paddedToTheBareLengthsStillTrims() {
    String t = "        4bf92f3577b34da6        "; // 32 characters, a 16-character id in them
    String s = "00f067aa0ba902b7";
    assertEquals(reference(t, s, null, 1), B3Parser.multi(t, s, null, 1));
    assertEquals(0x4bf92f3577b34da6L, B3Parser.multi(t, s, null, 1).traceIdLow());
  }

  @Test
  void sampledHeaderAgreesWithTheReference() {
    String[] values = {
      "1",
      "0",
      " ",
      "\t",
      "2",
      "d",
      "true",
      "TRUE",
      "false",
      "False",
      " 1",
      "1 ",
      "\t0\t",
      "",
      " true ",
      "\u0131",
      "\u0130",
      "yes",
      "01",
      "11",
      null,
      // Spaces around a decision are ignored however many (up to the 512 of every X-B3-* value);
      // they counted as no decision over 16 characters, unlike spaces around the ids, until the
      // randomized differential (PeerDifferentialB3Test) showed it.
      "                 1",
      "true" + "\t".repeat(14),
      " ".repeat(511) + "0",
      " ".repeat(512) + "0"
    };
    for (String v : values) {
      int expected;
      String t = v == null || v.length() > 512 ? null : trim(v);
      if (t == null) {
        expected = -1;
      } else if (t.equals("1") || t.equalsIgnoreCase("true")) {
        expected = 1;
      } else if (t.equals("0") || t.equalsIgnoreCase("false")) {
        expected = 0;
      } else {
        expected = -1;
      }
      assertEquals(expected, B3Parser.sampledHeader(v), () -> "[" + v + "]");
    }
  }
}
