package dev.correlog.internal;

/**
 * The escaping half of {@link JsonBuffer}: strings written as escaped UTF-8 through a lookup table
 * (every control character an escape, U+0085, U+2028 and U+2029 escaped, lone surrogates U+FFFD),
 * cut at a length or at the buffer's limit with {@link JsonBuffer#TRUNCATION_MARKER}, and JSON text
 * from a generator copied under the same rules. Static methods over a buffer's array and position.
 */
final class JsonText {
  private JsonText() {}

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

  /**
   * Writes the escaped characters of {@code s} without quotes, keeping one byte free for a closing
   * quote. Cuts the string at {@code maxChars} or at the o.limit and appends the marker.
   */
  static void stringBody(JsonBuffer o, CharSequence s, int maxChars) {
    int len = s.length();
    int n = Math.min(len, maxChars);
    boolean cut = n < len;
    // Where we must stop to leave room for the marker and the closing quote.
    int stop = o.limit - JsonBuffer.STRING_RESERVE;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      // Worst case per char: 6 bytes (\\u00XX) or 4 bytes for a surrogate pair.
      if (o.pos + 6 > o.buf.length && !o.grow(o.pos + 6)) {
        cut = true;
        break;
      }
      if (o.pos + 6 > stop) {
        cut = true;
        break;
      }
      if (c < 0x80) {
        byte e = ESCAPE[c];
        if (e == 0) {
          o.buf[o.pos++] = (byte) c;
        } else if (e == 1) {
          o.buf[o.pos++] = '\\';
          o.buf[o.pos++] = SHORT_ESCAPE[c];
        } else {
          o.buf[o.pos++] = '\\';
          o.buf[o.pos++] = 'u';
          o.buf[o.pos++] = '0';
          o.buf[o.pos++] = '0';
          o.buf[o.pos++] = HEX[c >> 4];
          o.buf[o.pos++] = HEX[c & 0xf];
        }
      } else if (c < 0x800) {
        if (c == 0x85) {
          o.pos = unicodeEscape(o.buf, o.pos, c);
        } else {
          o.buf[o.pos++] = (byte) (0xc0 | (c >> 6));
          o.buf[o.pos++] = (byte) (0x80 | (c & 0x3f));
        }
      } else if (c == 0x2028 || c == 0x2029) {
        o.pos = unicodeEscape(o.buf, o.pos, c);
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          o.buf[o.pos++] = (byte) (0xf0 | (cp >> 18));
          o.buf[o.pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          o.buf[o.pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          o.buf[o.pos++] = (byte) (0x80 | (cp & 0x3f));
        } else {
          // A lone surrogate, or a high surrogate whose partner was cut off: U+FFFD.
          o.buf[o.pos++] = (byte) 0xef;
          o.buf[o.pos++] = (byte) 0xbf;
          o.buf[o.pos++] = (byte) 0xbd;
        }
      } else {
        o.buf[o.pos++] = (byte) (0xe0 | (c >> 12));
        o.buf[o.pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        o.buf[o.pos++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    if (cut) {
      int markerLen = JsonBuffer.TRUNCATION_MARKER.length();
      if (o.pos + markerLen + 1 > o.buf.length) {
        o.grow(o.pos + markerLen + 1);
      }
      for (int i = 0; i < markerLen; i++) {
        o.buf[o.pos++] = (byte) JsonBuffer.TRUNCATION_MARKER.charAt(i);
      }
    } else if (o.pos + 1 > o.buf.length) {
      o.grow(o.pos + 1);
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
   * 0), or -1 when the text did not fit under the o.limit ({@link #overflowed()} is then set).
   */
  static int jsonText(JsonBuffer o, char[] c, int off, int len, char pendingHigh) {
    char high = pendingHigh;
    for (int i = off, end = off + len; i < end; i++) {
      char ch = c[i];
      if (!o.room(6)) {
        return -1;
      }
      if (high != 0) {
        if (Character.isLowSurrogate(ch)) {
          o.pos = codePoint(o.buf, o.pos, Character.toCodePoint(high, ch));
          high = 0;
          continue;
        }
        o.pos = codePoint(o.buf, o.pos, 0xfffd);
        high = 0;
        if (!o.room(6)) {
          return -1;
        }
      }
      if (ch < 0x80) {
        o.buf[o.pos++] = (byte) ch;
      } else if (ch == 0x85 || ch == 0x2028 || ch == 0x2029) {
        o.pos = unicodeEscape(o.buf, o.pos, ch);
      } else if (Character.isHighSurrogate(ch)) {
        high = ch;
      } else if (Character.isLowSurrogate(ch)) {
        o.pos = codePoint(o.buf, o.pos, 0xfffd);
      } else {
        o.pos = codePoint(o.buf, o.pos, ch);
      }
    }
    return high;
  }

  /** Ends text written by {@link #jsonText}: a dangling high surrogate becomes U+FFFD. */
  static boolean endJsonText(JsonBuffer o, char pendingHigh) {
    if (pendingHigh == 0) {
      return true;
    }
    if (!o.room(3)) {
      return false;
    }
    o.pos = codePoint(o.buf, o.pos, 0xfffd);
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

  /**
   * The common case: a short String of printable ASCII, written quoted with one bulk copy and one
   * tight loop. Returns false, having written nothing, when the string needs the general path.
   */
  static boolean quotedAscii(JsonBuffer o, String s, int n) {
    // Room for the quotes and every byte, below the o.limit (keeping the string reserve).
    int need = o.pos + n + JsonBuffer.STRING_RESERVE + 2;
    if (need > o.limit || (need > o.buf.length && !o.grow(need))) {
      return false;
    }
    byte[] b = o.buf;
    int p = o.pos + 1;
    if (n <= 32) {
      for (int i = 0; i < n; i++) {
        char ch = s.charAt(i);
        if (!JsonText.plain(ch)) {
          return false;
        }
        b[p + i] = (byte) ch;
      }
    } else {
      char[] c = o.scratch;
      s.getChars(0, n, c, 0);
      for (int i = 0; i < n; i++) {
        char ch = c[i];
        if (!JsonText.plain(ch)) {
          return false;
        }
        b[p + i] = (byte) ch;
      }
    }
    b[o.pos] = '"';
    b[p + n] = '"';
    o.pos = p + n + 1;
    return true;
  }
}
