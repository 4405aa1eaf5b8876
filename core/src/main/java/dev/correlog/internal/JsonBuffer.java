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

  // Package-private for the field writers' fast paths (FieldBuffer), which check room once for a
  // whole field against fastEnd() and write the array directly.
  byte[] buf;
  int pos;
  int limit;
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

  boolean room(int n) {
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

  /** {@link #raw(byte[])} for a short piece also kept as {@code words} ({@link Words#of}). */
  JsonBuffer rawWords(long[] words, byte[] bytes) {
    int p = pos;
    int n = bytes.length;
    if (p + n + Words.SLACK <= fastEnd()) {
      Words.put(words, buf, p);
      pos = p + n;
      return this;
    }
    return raw(bytes, 0, n);
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
      if (n <= maxChars && n <= SCRATCH_CHARS && JsonText.quotedAscii(this, str, n)) {
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
    JsonText.stringBody(this, s, maxChars);
  }

  /**
   * Copies JSON text that is already escaped (as a JSON generator writes it) as UTF-8, with the
   * same safety rules as {@link #string}: U+0085, U+2028 and U+2029 (which can only occur inside
   * strings there) become escapes, lone surrogates U+FFFD. {@code pendingHigh} is a high surrogate
   * left over from the previous chunk (or 0). Returns the high surrogate this chunk ends with (or
   * 0), or -1 when the text did not fit under the limit ({@link #overflowed()} is then set).
   */
  public int jsonText(char[] c, int off, int len, char pendingHigh) {
    return JsonText.jsonText(this, c, off, len, pendingHigh);
  }

  /** Ends text written by {@link #jsonText}: a dangling high surrogate becomes U+FFFD. */
  public boolean endJsonText(char pendingHigh) {
    return JsonText.endJsonText(this, pendingHigh);
  }

  static final int SCRATCH_CHARS = 512;
  final char[] scratch = new char[SCRATCH_CHARS];

  /** Grows the array to hold {@code need} bytes, capped at the limit; false if it cannot. */
  boolean grow(int need) {
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
