package dev.correlog.internal.sink;

import dev.correlog.internal.Reporter;
import java.io.IOException;

/**
 * Appends whole lines to a {@link LogFile}: rotates between two lines whenever the next would take
 * the file past {@code maxBytes} (a line longer than that gets a file of its own), and, given a
 * buffer size, gathers lines in user space until the buffer fills or is flushed. Lines accepted
 * into the buffer stay there until a write succeeds. Not thread-safe: the file sink calls it under
 * its lock, and abandons the file ({@link LogFile#abandon}) when a call throws.
 */
public final class LineAppender {
  private final LogFile file;
  private final long maxBytes;
  private final int maxFiles;
  private final byte[] buffer;
  private int buffered;

  /**
   * Appends to {@code file}, keeping {@code maxFiles} rotated files past {@code maxBytes} ({@code
   * Long.MAX_VALUE}: never rotates); {@code bufferSize} 0 writes every call at once.
   */
  public LineAppender(LogFile file, long maxBytes, int maxFiles, int bufferSize) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    this.buffer = bufferSize > 0 ? new byte[bufferSize] : null;
  }

  /** Appends {@code lines} whole lines, {@code len} bytes from {@code off}, opening the file. */
  public void write(byte[] buf, int off, int len, int lines) throws IOException {
    file.ensureOpen();
    appendLines(buf, off, len);
    file.countLines(lines);
  }

  /** Writes what is buffered, if anything. */
  public void flush() throws IOException {
    if (buffered > 0) {
      file.ensureOpen();
      drainBuffer();
    }
  }

  /**
   * Writes what is buffered and closes the file; buffered lines that cannot be written are copied
   * to stderr and the failure thrown.
   */
  public void close() throws IOException {
    try {
      flush();
    } catch (IOException | RuntimeException e) {
      int n = buffered;
      buffered = 0;
      Reporter.print(
          "file sink "
              + file.path()
              + ": "
              + n
              + " buffered bytes could not be written at close ("
              + Reporter.describe(e)
              + "); their lines follow on stderr");
      Reporter.copyLine(buffer, 0, n);
      throw e;
    } finally {
      file.close();
    }
  }

  /** Writes whole lines, rotating between two lines whenever the next would pass the limit. */
  private void appendLines(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      long size = file.size() + buffered;
      long room = maxBytes - size;
      if (len <= room) {
        append(b, off, len);
        return;
      }
      int cut = room <= 0 ? 0 : lastLineEnd(b, off, (int) room);
      if (cut == 0) {
        if (size > 0) {
          rotate();
          continue;
        }
        cut = firstLineEnd(b, off, len); // Longer than maxBytes: alone in a file.
      }
      append(b, off, cut);
      off += cut;
      len -= cut;
      if (len > 0) {
        rotate();
      }
    }
  }

  private void append(byte[] b, int off, int len) throws IOException {
    if (buffer == null) {
      file.write(b, off, len);
      return;
    }
    if (len > buffer.length - buffered) {
      drainBuffer();
    }
    if (len >= buffer.length) {
      file.write(b, off, len);
    } else {
      System.arraycopy(b, off, buffer, buffered, len);
      buffered += len;
    }
  }

  private void drainBuffer() throws IOException {
    if (buffered > 0) {
      file.write(buffer, 0, buffered);
      buffered = 0; // Only once written: a failure keeps the lines.
    }
  }

  private void rotate() throws IOException {
    drainBuffer();
    file.rotate(maxFiles);
  }

  /** Bytes up to and including the last newline within the first {@code max} bytes, or 0. */
  private static int lastLineEnd(byte[] b, int off, int max) {
    for (int i = off + max - 1; i >= off; i--) {
      if (b[i] == '\n') {
        return i - off + 1;
      }
    }
    return 0;
  }

  /** Bytes up to and including the first newline, or {@code len} when there is none. */
  private static int firstLineEnd(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        return i - off + 1;
      }
    }
    return len;
  }
}
