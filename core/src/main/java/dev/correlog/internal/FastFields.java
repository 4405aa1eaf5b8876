package dev.correlog.internal;

/**
 * The fast paths of a field whose name is checked (no schema, strict names): each writes {@code
 * ,"name":value} into a {@link FieldBuffer} after one room check, with the name's prefix copied as
 * words ({@link Words}), and writes exactly the bytes the general path (startField, the value,
 * endField) would. Or it returns false having written and remembered nothing, and the caller takes
 * the general path: no room without growing or overflowing, a value the general path writes
 * differently (a long or escaped string, NaN, a long that needs the marker), a repeated name. Bytes
 * past the buffer's length may be written before a false: they are not part of the buffer.
 */
final class FastFields {
  private FastFields() {}

  /** Writes {@code ,"name":v}, or false. */
  static boolean tryLong(FieldBuffer f, FieldNames.Entry e, long v) {
    JsonBuffer b = f.buffer();
    int p = b.pos;
    int start = p + e.prefixLength;
    if (start + Numbers.LONG_ROOM > b.fastEnd()) { // LONG_ROOM covers the words' slack
      return false;
    }
    byte[] a = b.buf;
    Words.put(e.prefixWords, a, p); // past the length: nothing is kept on false
    int end = Numbers.writeLong(a, start, v);
    if (!f.claim(e)) {
      return false;
    }
    f.commit(end);
    return true;
  }

  /** Writes {@code ,"name":v} for a double {@link Numbers#writeDouble} can write, or false. */
  static boolean tryDouble(FieldBuffer f, FieldNames.Entry e, double v) {
    JsonBuffer b = f.buffer();
    int p = b.pos;
    int start = p + e.prefixLength;
    if (start + Numbers.DOUBLE_ROOM > b.fastEnd()) {
      return false;
    }
    byte[] a = b.buf;
    Words.put(e.prefixWords, a, p);
    int end = Numbers.writeDouble(a, start, v);
    if (end < 0 || !f.claim(e)) {
      return false;
    }
    f.commit(end);
    return true;
  }

  /** Writes {@code ,"name":true} or {@code false}, or false. */
  static boolean tryBoolean(FieldBuffer f, FieldNames.Entry e, boolean v) {
    JsonBuffer b = f.buffer();
    int p = b.pos;
    int start = p + e.prefixLength;
    if (start + 8 > b.fastEnd()) {
      return false;
    }
    byte[] a = b.buf;
    Words.put(e.prefixWords, a, p);
    int end;
    if (v) {
      a[start] = 't';
      a[start + 1] = 'r';
      a[start + 2] = 'u';
      a[start + 3] = 'e';
      end = start + 4;
    } else {
      a[start] = 'f';
      a[start + 1] = 'a';
      a[start + 2] = 'l';
      a[start + 3] = 's';
      a[start + 4] = 'e';
      end = start + 5;
    }
    if (!f.claim(e)) {
      return false;
    }
    f.commit(end);
    return true;
  }

  /** Writes {@code ,"name":"s"} for a short string of plain ASCII, or false. */
  static boolean tryString(FieldBuffer f, FieldNames.Entry e, String s, int maxChars) {
    int n = s.length();
    if (n > 32 || n > maxChars) {
      return false;
    }
    JsonBuffer b = f.buffer();
    int p = b.pos;
    int start = p + e.prefixLength;
    int end = start + n + 2;
    // The general path keeps a string's reserve free below the limit: so must this one.
    if (Math.max(end, start + Words.SLACK) > b.fastEnd()
        || end + JsonBuffer.STRING_RESERVE > b.limit) {
      return false;
    }
    byte[] a = b.buf;
    Words.put(e.prefixWords, a, p);
    a[start] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!JsonText.plain(c)) {
        return false;
      }
      a[start + 1 + i] = (byte) c;
    }
    a[end - 1] = '"';
    if (!f.claim(e)) {
      return false;
    }
    f.commit(end);
    return true;
  }
}
