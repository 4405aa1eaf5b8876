package dev.correlog.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines in one reused buffer and hands each line (without its newline) to
 * a {@link Handler}. With needles, only the lines containing at least one of them are handed over:
 * the search runs over whole buffers, so lines without a needle are never looked at one by one
 * (that is what makes a {@code --trace} search fast). A line longer than {@link #MAX_LINE} bytes is
 * skipped and counted, never buffered whole. Not thread-safe.
 */
final class LineScanner {
  /** The longest line handed over (Correlog itself caps lines at 64 KiB). */
  static final int MAX_LINE = 1 << 20;

  interface Handler {
    void line(byte[] buf, int off, int len);
  }

  private final byte[] buf = new byte[2 * MAX_LINE];
  private final byte[][] needles;
  private final int[][] shifts;
  private int[] starts = new int[64];
  long bytes;
  long lines;
  long oversize;

  /** {@code needles}: empty to hand over every line. */
  LineScanner(byte[]... needles) {
    for (byte[] needle : needles) {
      if (needle.length == 0) {
        throw new IllegalArgumentException("empty needle");
      }
    }
    this.needles = needles;
    this.shifts = new int[needles.length][];
    for (int k = 0; k < needles.length; k++) {
      shifts[k] = shifts(needles[k]);
    }
  }

  void scan(InputStream in, Handler handler) throws IOException {
    int filled = 0;
    boolean skipping = false; // inside an oversize line, until its newline
    int n;
    while ((n = in.read(buf, filled, buf.length - filled)) != -1) {
      bytes += n;
      int from = filled;
      filled += n;
      int lastNl = lastNewline(filled, from);
      if (lastNl < 0) {
        if (filled == buf.length) { // no newline in a full buffer: an oversize line
          if (!skipping) {
            oversize++;
            skipping = true;
          }
          filled = 0;
        }
        continue;
      }
      int begin = 0;
      if (skipping) {
        begin = indexOf((byte) '\n', 0, lastNl + 1) + 1;
        skipping = false;
      }
      process(begin, lastNl + 1, handler);
      filled -= lastNl + 1;
      System.arraycopy(buf, lastNl + 1, buf, 0, filled);
      if (filled > MAX_LINE) {
        oversize++;
        skipping = true;
        filled = 0;
      }
    }
    if (filled > 0 && !skipping) {
      buf[filled] = '\n';
      process(0, filled + 1, handler);
    }
  }

  /** Lines in [from, to), where {@code buf[to - 1]} is a newline. */
  private void process(int from, int to, Handler handler) {
    if (needles.length == 0) {
      int start = from;
      while (start < to) {
        int nl = indexOf((byte) '\n', start, to);
        lines++;
        hand(handler, start, nl);
        start = nl + 1;
      }
      return;
    }
    int count = 0;
    for (int k = 0; k < needles.length; k++) {
      int at = from;
      while ((at = find(k, at, to)) >= 0) {
        int start = at;
        while (start > from && buf[start - 1] != '\n') {
          start--;
        }
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = start;
        at = indexOf((byte) '\n', at, to) + 1;
      }
    }
    if (needles.length > 1) {
      Arrays.sort(starts, 0, count);
    }
    int previous = -1;
    for (int i = 0; i < count; i++) {
      int start = starts[i];
      if (start != previous) {
        hand(handler, start, indexOf((byte) '\n', start, to));
        previous = start;
      }
    }
  }

  private void hand(Handler handler, int start, int nl) {
    int end = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
    if (end - start > MAX_LINE) {
      oversize++;
    } else {
      handler.line(buf, start, end - start);
    }
  }

  private int lastNewline(int filled, int from) {
    for (int i = filled - 1; i >= from; i--) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private int indexOf(byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first occurrence of needle {@code k} in [from, to), or -1: Boyer-Moore-Horspool, which
   * moves by up to the needle's length at each step (a 32-character trace id skips most bytes).
   */
  private int find(int k, int from, int to) {
    byte[] needle = needles[k];
    int[] shift = shifts[k];
    int m = needle.length;
    byte last = needle[m - 1];
    byte[] b = buf;
    int i = from + m - 1;
    outer:
    while (i < to) {
      byte c = b[i];
      if (c == last) {
        int start = i - m + 1;
        for (int j = 0; j < m - 1; j++) {
          if (b[start + j] != needle[j]) {
            i += shift[c & 0xff];
            continue outer;
          }
        }
        return start;
      }
      i += shift[c & 0xff];
    }
    return -1;
  }

  private static int[] shifts(byte[] needle) {
    int m = needle.length;
    int[] shift = new int[256];
    Arrays.fill(shift, m);
    for (int j = 0; j < m - 1; j++) {
      shift[needle[j] & 0xff] = m - 1 - j;
    }
    return shift;
  }
}
