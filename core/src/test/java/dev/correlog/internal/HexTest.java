package dev.correlog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Hex#parse8} and {@link Hex#parse2} against a simple reference, on strings made of
 * characters around every class boundary, and of UTF-16 characters whose low byte is a hex digit
 * (U+0130, U+0161, ...), which must stay invalid.
 */
class HexTest {
  /** Characters on both sides of each boundary, and beyond Latin-1 with a hex low byte. */
  private static final char[] CHARS = {
    '/', '0', '1', '5', '9', ':', '@', 'A', 'F', 'G', '`', 'a', 'c', 'f', 'g', ' ', '\t', '-',
    '\u00ff', '\u0100', '\u0130', '\u0139', '\u0161', '\u0166', '\u0230', '\u3061', '\uff10',
    '\uff41', '\uffff', '\u0000', '\u0080', '\u00e1'
  };

  private static final String HEX = "0123456789abcdef";

  /** The value of {@code len} lowercase hex characters, or -1 when any is not one. */
  private static long reference(String s, int at, int len) {
    long v = 0;
    for (int i = at; i < at + len; i++) {
      int d = HEX.indexOf(s.charAt(i));
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  private static String random(SplittableRandom r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      // Mostly valid digits, so that a single bad character in a valid run is common.
      b.append(r.nextInt(4) == 0 ? CHARS[r.nextInt(CHARS.length)] : HEX.charAt(r.nextInt(16)));
    }
    return b.toString();
  }

  private static void check(String s, int at) {
    check8(s, at);
    check2(s, at);
  }

  private static void check8(String s, int at) {
    long ref8 = reference(s, at, 8);
    long got8 = Hex.parse8(s, at);
    if (ref8 < 0) {
      assertTrue(got8 < 0, () -> "parse8 accepted " + escape(s.substring(at, at + 8)));
    } else {
      assertEquals(ref8, got8, () -> "parse8 of " + s.substring(at, at + 8));
    }
  }

  private static void check2(String s, int at) {
    long ref2 = reference(s, at, 2);
    int got2 = Hex.parse2(s, at);
    if (ref2 < 0) {
      assertTrue(got2 < 0, () -> "parse2 accepted " + escape(s.substring(at, at + 2)));
    } else {
      assertEquals(ref2, got2, () -> "parse2 of " + s.substring(at, at + 2));
    }
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(String.format("\\u%04x", (int) c));
    }
    return b.toString();
  }

  @Test
  void everyCharacterInEveryPosition() {
    for (int c = 0; c <= 0xffff; c++) {
      for (int pos = 0; pos < 8; pos++) {
        char[] a = "4bf92f35".toCharArray();
        a[pos] = (char) c;
        String s = new String(a);
        check8(s, 0);
        check2(s, Math.min(pos, 6)); // over the changed character
        check2(s, Math.max(pos - 1, 0));
      }
    }
  }

  @Test
  void randomStringsAtRandomOffsets() {
    SplittableRandom r = new SplittableRandom(15);
    for (int i = 0; i < 200_000; i++) {
      String s = random(r, 8 + r.nextInt(40));
      check(s, r.nextInt(s.length() - 7));
    }
  }

  @Test
  void boundaryValues() {
    assertEquals(0, Hex.parse8("00000000", 0));
    assertEquals(0xffffffffL, Hex.parse8("ffffffff", 0));
    assertEquals(0x0123abcdL, Hex.parse8("--0123abcd", 2));
    assertEquals(0, Hex.parse2("00", 0));
    assertEquals(0xff, Hex.parse2("ff", 0));
    assertTrue(Hex.parse8("fffffff\u0130", 0) < 0);
    assertTrue(Hex.parse8("\u0161fffffff", 0) < 0);
    assertTrue(Hex.parse2("0\u0130", 0) < 0);
    assertTrue(Hex.parse2("\u0161f", 0) < 0);
    assertTrue(Hex.parse2("0A", 0) < 0);
  }
}
