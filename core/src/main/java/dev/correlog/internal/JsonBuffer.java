package dev.correlog.internal;

/**
 * A growable UTF-8 byte buffer that writes JSON tokens, never beyond a fixed limit.
 *
 * <p>Strings are escaped through a lookup table: every control character becomes an escape, so a
 * written line can never contain a raw newline; lone surrogates become U+FFFD. When a write would
 * pass the limit, nothing past the limit is kept: strings are cut (with {@link #TRUNCATION_MARKER})
 * and other tokens set {@link #overflowed()}, so the caller can roll back to a mark.
 */
public final class JsonBuffer {
  /** Appended to a string that was cut, inside its quotes. */
  public static final String TRUNCATION_MARKER = "...[truncated]";

  /** Room kept free while writing a string, for the marker and the closing quote. */
  static final int STRING_RESERVE = TRUNCATION_MARKER.length() + 2;

  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** 0: write as is; 1: needs a two-character escape; 2: needs a {@code \\u00XX} escape. */
  private static final byte[] ESCAPE = new byte[128];

  private static final byte[] SHORT_ESCAPE = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = 2;
    }
    short2('"', '"');
    short2('\\', '\\');
    short2('\n', 'n');
    short2('\r', 'r');
    short2('\t', 't');
    short2('\b', 'b');
    short2('\f', 'f');
  }

  /**
   * True for a character written as itself inside a JSON string: printable ASCII but quote and
   * backslash.
   */
  static boolean plain(char c) {
    return c < 0x80 && ESCAPE[c] == 0;
  }

  private static void short2(char c, char escaped) {
    ESCAPE[c] = 1;
    SHORT_ESCAPE[c] = (byte) escaped;
  }

  // Package-private for the field writers' fast paths (FieldBuffer), which check room once for a
  // whole field against fastEnd() and write the array directly.
  byte[] buf;
  int pos;
  private int limit;
  private boolean overflow;

  public JsonBuffer(int initialCapacity, int limit) {
    this.buf = new byte[Math.min(initialCapacity, limit)];
    this.limit = limit;
  }

  public byte[] array() {
    return buf;
  }

  public int length() {
    return pos;
  }

  public void reset() {
    pos = 0;
    overflow = false;
  }

  /** Current position, to roll back to with {@link #rollback(int)}. */
  public int mark() {
    return pos;
  }

  public void rollback(int mark) {
    pos = mark;
    overflow = false;
  }

  /** True when a write since the last reset or rollback did not fit under the limit. */
  public boolean overflowed() {
    return overflow;
  }

  /** Records that a write did not fit (for writers that stop on their own). */
  public void markOverflow() {
    overflow = true;
  }

  /** Lowers or raises the limit (never below what is already written). */
  public void limit(int newLimit) {
    this.limit = Math.max(newLimit, pos);
  }

  public int remaining() {
    return limit - pos;
  }

  /**
   * How far a fast path may write without a check: the smaller of the limit and the array. A write
   * that ends there or before needs neither growth nor an overflow mark.
   */
  int fastEnd() {
    return Math.min(limit, buf.length);
  }

  /** The limit, for fast paths that must leave a string's reserve below it. */
  int limitValue() {
    return limit;
  }

  private boolean room(int n) {
    int need = pos + n;
    if (need > limit) {
      overflow = true;
      return false;
    }
    if (need > buf.length) {
      int size = buf.length;
      while (size < need) {
        size = size << 1;
      }
      buf = java.util.Arrays.copyOf(buf, Math.min(size, limit));
    }
    return true;
  }

  public JsonBuffer raw(byte b) {
    if (room(1)) {
      buf[pos++] = b;
    }
    return this;
  }

  public JsonBuffer raw(byte[] bytes) {
    return raw(bytes, 0, bytes.length);
  }

  /** {@link #raw(byte[])} for a few bytes: a plain loop beats arraycopy's set-up there. */
  public JsonBuffer rawSmall(byte[] bytes) {
    int n = bytes.length;
    if (room(n)) {
      byte[] b = buf;
      int p = pos;
      for (int i = 0; i < n; i++) {
        b[p + i] = bytes[i];
      }
      pos = p + n;
    }
    return this;
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  public JsonBuffer raw(byte[] bytes, int off, int len) {
    if (room(len)) {
      System.arraycopy(bytes, off, buf, pos, len);
      pos += len;
    }
    return this;
  }

  /** Writes ASCII text that needs no escaping (a pre-validated name, a number). */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): low bytes, no copy
  public JsonBuffer ascii(String s) {
    int n = s.length();
    if (room(n)) {
      s.getBytes(0, n, buf, pos);
      pos += n;
    }
    return this;
  }

  public JsonBuffer longValue(long v) {
    if (room(Numbers.LONG_ROOM)) {
      pos = Numbers.writeLong(buf, pos, v);
    }
    return this;
  }

  /** Writes a double; NaN and infinities, which JSON cannot hold, are written as strings. */
  public JsonBuffer doubleValue(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return string(Double.toString(v), Integer.MAX_VALUE);
    }
    if (room(Numbers.DOUBLE_ROOM)) {
      int end = Numbers.writeDouble(buf, pos, v);
      if (end >= 0) {
        pos = end;
        return this;
      }
    }
    return ascii(Double.toString(v));
  }

  public JsonBuffer floatValue(float v) {
    if (Float.isNaN(v) || Float.isInfinite(v)) {
      return string(Float.toString(v), Integer.MAX_VALUE);
    }
    return ascii(Float.toString(v));
  }

  public JsonBuffer booleanValue(boolean v) {
    return rawSmall(v ? TRUE : FALSE);
  }

  public JsonBuffer nullValue() {
    return rawSmall(NULL);
  }

  /** Writes {@code v} as 16 lowercase hex digits. */
  public JsonBuffer hex16(long v) {
    if (room(16)) {
      pos = Numbers.writeHex16(buf, pos, v);
    }
    return this;
  }

  /** Writes a quoted, escaped string of at most {@code maxChars} UTF-16 units of {@code s}. */
  public JsonBuffer string(CharSequence s, int maxChars) {
    if (s instanceof String) {
      String str = (String) s;
      int n = str.length();
      if (n <= maxChars && n <= SCRATCH_CHARS && quotedAscii(str, n)) {
        return this;
      }
    }
    return checkedString(s, maxChars);
  }

  private JsonBuffer checkedString(CharSequence s, int maxChars) {
    if (limit - pos < STRING_RESERVE + 2 || !room(2)) {
      overflow = true;
      return this;
    }
    buf[pos++] = '"';
    stringBody(s, maxChars);
    buf[pos++] = '"'; // room for it was kept by stringBody
    return this;
  }

  /**
   * Writes the escaped characters of {@code s} without quotes, keeping one byte free for a closing
   * quote. Cuts the string at {@code maxChars} or at the limit and appends the marker.
   */
  public void stringBody(CharSequence s, int maxChars) {
    int len = s.length();
    int n = Math.min(len, maxChars);
    boolean cut = n < len;
    // Where we must stop to leave room for the marker and the closing quote.
    int stop = limit - STRING_RESERVE;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      // Worst case per char: 6 bytes (\\u00XX) or 4 bytes for a surrogate pair.
      if (pos + 6 > buf.length && !grow(pos + 6)) {
        cut = true;
        break;
      }
      if (pos + 6 > stop) {
        cut = true;
        break;
      }
      if (c < 0x80) {
        byte e = ESCAPE[c];
        if (e == 0) {
          buf[pos++] = (byte) c;
        } else if (e == 1) {
          buf[pos++] = '\\';
          buf[pos++] = SHORT_ESCAPE[c];
        } else {
          buf[pos++] = '\\';
          buf[pos++] = 'u';
          buf[pos++] = '0';
          buf[pos++] = '0';
          buf[pos++] = HEX[c >> 4];
          buf[pos++] = HEX[c & 0xf];
        }
      } else if (c < 0x800) {
        if (c == 0x85) {
          pos = unicodeEscape(buf, pos, c);
        } else {
          buf[pos++] = (byte) (0xc0 | (c >> 6));
          buf[pos++] = (byte) (0x80 | (c & 0x3f));
        }
      } else if (c == 0x2028 || c == 0x2029) {
        pos = unicodeEscape(buf, pos, c);
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          buf[pos++] = (byte) (0xf0 | (cp >> 18));
          buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          buf[pos++] = (byte) (0x80 | (cp & 0x3f));
        } else {
          // A lone surrogate, or a high surrogate whose partner was cut off: U+FFFD.
          buf[pos++] = (byte) 0xef;
          buf[pos++] = (byte) 0xbf;
          buf[pos++] = (byte) 0xbd;
        }
      } else {
        buf[pos++] = (byte) (0xe0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    if (cut) {
      int markerLen = TRUNCATION_MARKER.length();
      if (pos + markerLen + 1 > buf.length) {
        grow(pos + markerLen + 1);
      }
      for (int i = 0; i < markerLen; i++) {
        buf[pos++] = (byte) TRUNCATION_MARKER.charAt(i);
      }
    } else if (pos + 1 > buf.length) {
      grow(pos + 1);
    }
  }

  /** Writes {@code \\uXXXX} for {@code c}; the caller made room for 6 bytes. */
  private static int unicodeEscape(byte[] b, int p, char c) {
    b[p] = '\\';
    b[p + 1] = 'u';
    b[p + 2] = HEX[c >> 12];
    b[p + 3] = HEX[(c >> 8) & 0xf];
    b[p + 4] = HEX[(c >> 4) & 0xf];
    b[p + 5] = HEX[c & 0xf];
    return p + 6;
  }

  /**
   * Copies JSON text that is already escaped (as a JSON generator writes it) as UTF-8, with the
   * same safety rules as {@link #string}: U+0085, U+2028 and U+2029 (which can only occur inside
   * strings there) become escapes, lone surrogates U+FFFD. {@code pendingHigh} is a high surrogate
   * left over from the previous chunk (or 0). Returns the high surrogate this chunk ends with (or
   * 0), or -1 when the text did not fit under the limit ({@link #overflowed()} is then set).
   */
  public int jsonText(char[] c, int off, int len, char pendingHigh) {
    char high = pendingHigh;
    for (int i = off, end = off + len; i < end; i++) {
      char ch = c[i];
      if (!room(6)) {
        return -1;
      }
      if (high != 0) {
        if (Character.isLowSurrogate(ch)) {
          pos = codePoint(buf, pos, Character.toCodePoint(high, ch));
          high = 0;
          continue;
        }
        pos = codePoint(buf, pos, 0xfffd);
        high = 0;
        if (!room(6)) {
          return -1;
        }
      }
      if (ch < 0x80) {
        buf[pos++] = (byte) ch;
      } else if (ch == 0x85 || ch == 0x2028 || ch == 0x2029) {
        pos = unicodeEscape(buf, pos, ch);
      } else if (Character.isHighSurrogate(ch)) {
        high = ch;
      } else if (Character.isLowSurrogate(ch)) {
        pos = codePoint(buf, pos, 0xfffd);
      } else {
        pos = codePoint(buf, pos, ch);
      }
    }
    return high;
  }

  /** Ends text written by {@link #jsonText}: a dangling high surrogate becomes U+FFFD. */
  public boolean endJsonText(char pendingHigh) {
    if (pendingHigh == 0) {
      return true;
    }
    if (!room(3)) {
      return false;
    }
    pos = codePoint(buf, pos, 0xfffd);
    return true;
  }

  private static int codePoint(byte[] b, int p, int cp) {
    if (cp < 0x80) {
      b[p++] = (byte) cp;
    } else if (cp < 0x800) {
      b[p++] = (byte) (0xc0 | (cp >> 6));
      b[p++] = (byte) (0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      b[p++] = (byte) (0xe0 | (cp >> 12));
      b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
      b[p++] = (byte) (0x80 | (cp & 0x3f));
    } else {
      b[p++] = (byte) (0xf0 | (cp >> 18));
      b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
      b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
      b[p++] = (byte) (0x80 | (cp & 0x3f));
    }
    return p;
  }

  private static final int SCRATCH_CHARS = 512;
  private final char[] scratch = new char[SCRATCH_CHARS];

  /**
   * The common case: a short String of printable ASCII, written quoted with one bulk copy and one
   * tight loop. Returns false, having written nothing, when the string needs the general path.
   */
  private boolean quotedAscii(String s, int n) {
    // Room for the quotes and every byte, below the limit (keeping the string reserve).
    int need = pos + n + STRING_RESERVE + 2;
    if (need > limit || (need > buf.length && !grow(need))) {
      return false;
    }
    byte[] b = buf;
    int p = pos + 1;
    if (n <= 32) {
      for (int i = 0; i < n; i++) {
        char ch = s.charAt(i);
        if (ch >= 0x80 || ESCAPE[ch] != 0) {
          return false;
        }
        b[p + i] = (byte) ch;
      }
    } else {
      char[] c = scratch;
      s.getChars(0, n, c, 0);
      for (int i = 0; i < n; i++) {
        char ch = c[i];
        if (ch >= 0x80 || ESCAPE[ch] != 0) {
          return false;
        }
        b[p + i] = (byte) ch;
      }
    }
    b[pos] = '"';
    b[p + n] = '"';
    pos = p + n + 1;
    return true;
  }

  /** Grows the array to hold {@code need} bytes, capped at the limit; false if it cannot. */
  private boolean grow(int need) {
    int cap = Math.min(Math.max(buf.length << 1, need), limit);
    if (cap < need) {
      if (buf.length < limit) {
        buf = java.util.Arrays.copyOf(buf, limit);
      }
      return false;
    }
    buf = java.util.Arrays.copyOf(buf, cap);
    return true;
  }

  /**
   * Writes {@code ,"name":} for a name already checked to be plain ASCII, with one bounds check.
   */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): low bytes, no copy
  public void asciiFieldPrefix(String name) {
    int n = name.length();
    if (room(n + 4)) {
      byte[] b = buf;
      int p = pos;
      b[p] = ',';
      b[p + 1] = '"';
      name.getBytes(0, n, b, p + 2);
      b[p + n + 2] = '"';
      b[p + n + 3] = ':';
      pos = p + n + 4;
    }
  }

  /** Exactly {@code count} decimal digits, zero-padded. */
  public void digitsPadded(int v, int count) {
    if (room(count)) {
      for (int i = pos + count - 1; i >= pos; i--) {
        buf[i] = (byte) ('0' + v % 10);
        v /= 10;
      }
      pos += count;
    }
  }

  /** A copy of what was written, as a String (tests and diagnostics only). */
  @Override
  public String toString() {
    return new String(buf, 0, pos, java.nio.charset.StandardCharsets.UTF_8);
  }
}
