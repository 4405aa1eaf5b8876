package dev.correlog.internal.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TraceStates#scanClean}, the one-pass check of a clean {@code tracestate}, against {@link
 * TraceStates#scanAny}: on every string it must either give up (0) or give the same answer, and it
 * must not give up on the clean ones it is for.
 */
class TraceStateScanTest {
  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789_-*/@";
  private static final String VALUE = valueChars();
  private static final char[] ODD = {
    ' ', '\t', ',', '=', 'A', '\u0000', '\u007f', '\u00e1', '\u0130', '\u2028', '"', '~'
  };

  private static String valueChars() {
    StringBuilder b = new StringBuilder();
    for (char c = 0x21; c <= 0x7e; c++) {
      if (c != ',' && c != '=') {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String pick(SplittableRandom r, String chars, int min, int max) {
    int n = min + r.nextInt(max - min + 1);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(chars.charAt(r.nextInt(chars.length())));
    }
    return b.toString();
  }

  /** A clean tracestate: 1 to 40 members with distinct keys, no whitespace, no empty member. */
  private static String clean(SplittableRandom r) {
    int members = 1 + r.nextInt(r.nextInt(8) == 0 ? 40 : 6);
    java.util.Set<String> keys = new java.util.HashSet<>();
    StringBuilder b = new StringBuilder();
    for (int m = 0; m < members; m++) {
      String key;
      do {
        int len = r.nextInt(20) == 0 ? 250 + r.nextInt(10) : 1 + r.nextInt(12);
        key =
            pick(r, "abcdefghijklmnopqrstuvwxyz0123456789", 1, 1) + pick(r, KEY, len - 1, len - 1);
      } while (!keys.add(key));
      int vlen = r.nextInt(20) == 0 ? 250 + r.nextInt(10) : 1 + r.nextInt(20);
      b.append(m == 0 ? "" : ",").append(key).append('=').append(pick(r, VALUE, vlen, vlen));
    }
    return b.toString();
  }

  /** {@code s} with 1 to 3 characters replaced, inserted or removed. */
  private static String damaged(SplittableRandom r, String s) {
    StringBuilder b = new StringBuilder(s);
    for (int k = 1 + r.nextInt(3); k > 0; k--) {
      int at = r.nextInt(b.length() + 1);
      char c = r.nextBoolean() ? ODD[r.nextInt(ODD.length)] : KEY.charAt(r.nextInt(KEY.length()));
      switch (r.nextInt(3)) {
        case 0 -> b.insert(at, c);
        case 1 -> {
          if (at < b.length()) {
            b.setCharAt(at, c);
          }
        }
        default -> {
          if (at < b.length()) {
            b.deleteCharAt(at);
          }
        }
      }
    }
    return b.toString();
  }

  private static void check(String s) {
    long any = TraceStates.scanAny(s);
    long clean = TraceStates.scanClean(s);
    if (clean != 0) {
      assertEquals(any, clean, () -> "scanClean disagrees on: " + s);
    }
    assertEquals(any, TraceStates.scan(s), () -> "scan disagrees on: " + s);
  }

  @Test
  void cleanValues_takeTheOnePassAndAgree() {
    SplittableRandom r = new SplittableRandom(21);
    for (int i = 0; i < 20_000; i++) {
      String s = clean(r);
      check(s);
      long any = TraceStates.scanAny(s);
      if (any > 0 && (any & 0xff) <= TraceStates.MAX_MEMBERS && !hashTwins(s)) {
        assertEquals(any, TraceStates.scanClean(s), () -> "gave up on a clean value: " + s);
      }
    }
  }

  @Test
  void damagedValues_giveUpOrAgree() {
    SplittableRandom r = new SplittableRandom(2112);
    for (int i = 0; i < 200_000; i++) {
      check(damaged(r, clean(r)));
    }
  }

  @Test
  void edges() {
    for (String s :
        new String[] {
          "",
          ",",
          "a",
          "a=",
          "=1",
          "a=1,",
          ",a=1",
          "a=1,,b=2",
          "a=1 ",
          " a=1",
          "a=1\t",
          "a=1,a=2",
          "a=b c",
          "A=1",
          "0=1",
          "a@b=1",
          "@a=1",
          "a=1=2",
          "a==1",
          "a=1,b",
          "a=\u00e1",
          "\u0161=1",
          "a".repeat(256) + "=1",
          "a".repeat(257) + "=1",
          "a=" + "1".repeat(256),
          "a=" + "1".repeat(257)
        }) {
      check(s);
    }
    StringBuilder many = new StringBuilder();
    for (int m = 0; m < 33; m++) {
      many.append(m == 0 ? "" : ",").append("k").append(m).append("=v");
      check(many.toString());
    }
  }

  /** True when two keys of {@code s} share a {@code keyHash} bit, where the one pass gives up. */
  private static boolean hashTwins(String s) {
    long seen = 0;
    for (String member : s.split(",")) {
      String key = member.substring(0, member.indexOf('='));
      int len = key.length();
      int h = len * 7 + key.charAt(len - 1) * 31 + (len > 1 ? key.charAt(len - 2) : 0);
      long bit = 1L << (h & 63);
      if ((seen & bit) != 0) {
        return true;
      }
      seen |= bit;
    }
    return false;
  }
}
