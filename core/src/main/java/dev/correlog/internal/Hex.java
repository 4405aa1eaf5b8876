package dev.correlog.internal;

/** Lowercase hex encoding and decoding of ids, without intermediate objects. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  /** Value of each Latin-1 character as a lowercase hex digit, or -1. */
  private static final byte[] LOWER_VALUE = new byte[256];

  static {
    java.util.Arrays.fill(LOWER_VALUE, (byte) -1);
    for (int i = 0; i < 16; i++) {
      LOWER_VALUE[DIGITS[i]] = (byte) i;
    }
  }

  private Hex() {}

  public static String toHex(long v) {
    char[] c = new char[16];
    write(v, c, 0);
    return new String(c);
  }

  public static String toHex(long high, long low) {
    char[] c = new char[32];
    write(high, c, 0);
    write(low, c, 16);
    return new String(c);
  }

  /** Writes 16 lowercase hex digits of {@code v} into {@code dst} at {@code at}. */
  public static void write(long v, char[] dst, int at) {
    for (int i = 15; i >= 0; i--) {
      dst[at + i] = DIGITS[(int) v & 0xf];
      v >>>= 4;
    }
  }

  /** Value of a lowercase hex digit, or -1. Uppercase is rejected, as W3C Trace Context wants. */
  public static int lowerDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /**
   * Parses {@code len} (at most 16) lowercase hex digits of {@code s} from {@code at}. Returns the
   * value; sets nothing on error but reports it through {@link #ok(CharSequence, int, int)}.
   */
  public static long parse(CharSequence s, int at, int len) {
    long v = 0;
    for (int i = at; i < at + len; i++) {
      v = (v << 4) | lowerDigit(s.charAt(i));
    }
    return v;
  }

  /** True when {@code len} characters of {@code s} from {@code at} are all lowercase hex. */
  public static boolean ok(CharSequence s, int at, int len) {
    if (at + len > s.length()) {
      return false;
    }
    for (int i = at; i < at + len; i++) {
      if (lowerDigit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses the 8 characters of {@code s} from {@code at} (the caller checks the length) as
   * lowercase hex, validating them in the same pass. Returns the value, in [0, 2^32), or a negative
   * number when any character is not lowercase hex: an invalid digit is -1, which sets the upper 32
   * bits, and the at most 7 shifts by 4 that follow cannot clear them. Callers combine several
   * groups with {@code |} and check the sign once; independent groups also parse in parallel.
   */
  public static long parse8(String s, int at) {
    long v = 0;
    for (int i = at, end = at + 8; i < end; i++) {
      char c = s.charAt(i);
      // Table lookup, no branch on the digit: ids are random, so digit-or-letter is unpredictable.
      // (255 - c) >> 31 is -1 for a character beyond Latin-1, 0 otherwise.
      v = v << 4 | LOWER_VALUE[c & 0xff] | ((255 - c) >> 31);
    }
    return v;
  }

  /**
   * Parses the 2 characters of {@code s} from {@code at} (the caller checks the length) as
   * lowercase hex, as {@link #parse8}: the value, in [0, 256), or a negative number when either
   * character is not lowercase hex (beyond Latin-1 included).
   */
  public static int parse2(String s, int at) {
    char a = s.charAt(at);
    char b = s.charAt(at + 1);
    return LOWER_VALUE[a & 0xff] << 4 | LOWER_VALUE[b & 0xff] | ((255 - a) | (255 - b)) >> 31;
  }
}
