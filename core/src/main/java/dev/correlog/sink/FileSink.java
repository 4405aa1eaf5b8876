package dev.correlog.sink;

import dev.correlog.Level;
import dev.correlog.internal.Reporter;
import dev.correlog.internal.sink.RotatedFiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends lines to a file, with optional size-based rotation: when a line would take the file past
 * {@code maxBytes}, {@code app.log} becomes {@code app.log.1}, {@code app.log.1} becomes {@code
 * app.log.2}, and so on; at most {@code maxFiles} rotated files are kept, counting those left by an
 * earlier run. A line is never split across files; a line longer than {@code maxBytes} gets a file
 * of its own. A rotation renames only the rotated files that exist (up to the first missing
 * number), so its cost grows with the files on disk, not with {@code maxFiles}.
 *
 * <p>By default each line (or each batch, from {@link AsyncSink}) is handed to the operating system
 * in one write before the call returns. With {@link Builder#bufferSize(int)} lines are gathered and
 * written when the buffer is full and on {@link #flush()} and {@link #close()}.
 *
 * <p>Failures: a write that fails (full disk, file size limit, removed directory) leaves the file
 * holding whole lines only (what the failed call appended is truncated away) and throws, so the
 * caller knows the line was not taken (Correlog counts it and copies WARN and ERROR lines to
 * stderr). Lines already accepted into the buffer are never discarded: they stay buffered and are
 * written by the next write or flush that succeeds; while the buffer cannot be emptied, new lines
 * are refused (thrown), not accepted. Lines still buffered when {@link #close()} cannot write them
 * are copied to stderr, whatever their level, and {@code close} throws. The file is closed after a
 * failure and opened again by the next write, so writing resumes when the target does.
 *
 * <p>A file deleted or moved away from outside, or its directory deleted, is noticed within {@link
 * Builder#checkInterval(Duration) checkInterval} (100 ms by default) and reopened by name, its
 * directories created again. Lines written to a deleted file during that interval are lost: they
 * are counted in {@link #unlinkedLines()} (an upper bound) and reported on stderr.
 */
public final class FileSink implements Sink {
  private final Path path;
  private final long maxBytes;
  private final int maxFiles;
  private final long checkIntervalNanos;
  private final byte[] buffer;
  // A lock rather than synchronized: a virtual thread blocked in write must not pin its carrier.
  private final ReentrantLock lock = new ReentrantLock();

  private FileOutputStream out;
  private Object fileKey;
  private long fileSize;
  private int buffered;
  private long nextCheckNanos;
  private long linesSinceCheck;
  private volatile long unlinkedLines;
  private volatile long reopened;
  private boolean closed;

  private FileSink(Builder b) throws IOException {
    this.path = b.path;
    this.maxBytes = b.maxBytes;
    this.maxFiles = b.maxFiles;
    this.checkIntervalNanos = b.checkInterval.toNanos();
    this.buffer = b.bufferSize > 0 ? new byte[b.bufferSize] : null;
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    if (maxBytes != Long.MAX_VALUE) {
      RotatedFiles.trim(path, maxFiles);
    }
    open();
  }

  /** A builder for a sink appending to {@code path}. */
  public static Builder builder(Path path) {
    return new Builder(path);
  }

  @Override
  public void write(Level level, byte[] line, int offset, int length) throws IOException {
    writeLines(line, offset, length, 1);
  }

  /** Appends {@code lines} whole lines: the batch method {@link AsyncSink} uses. */
  void writeLines(byte[] buf, int offset, int length, int lines) throws IOException {
    lock.lock();
    try {
      if (closed) {
        throw new IOException("file sink closed: " + path);
      }
      try {
        ensureOpen();
        appendLines(buf, offset, length);
        linesSinceCheck += lines;
      } catch (IOException | RuntimeException e) {
        abandon();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void flush() throws IOException {
    lock.lock();
    try {
      if (buffered > 0 && !closed) {
        try {
          ensureOpen();
          drainBuffer();
        } catch (IOException | RuntimeException e) {
          abandon();
          throw e;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes what is buffered and closes the file; buffered lines that cannot be written are copied
   * to stderr.
   *
   * @throws IOException when the buffered lines could not be written or the file not closed
   */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (buffered > 0) {
          ensureOpen();
          drainBuffer();
        }
      } catch (IOException | RuntimeException e) {
        int n = buffered;
        buffered = 0;
        Reporter.print(
            "file sink "
                + path
                + ": "
                + n
                + " buffered bytes could not be written at close ("
                + Reporter.describe(e)
                + "); their lines follow on stderr");
        Reporter.copyLine(buffer, 0, n);
        throw e;
      } finally {
        FileOutputStream o = out;
        out = null;
        if (o != null) {
          o.close();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lines written since the check before to a file then found gone from its path (deleted, with its
   * directory or not, or moved away): an upper bound of the lines lost to a deleted file.
   */
  public long unlinkedLines() {
    return unlinkedLines;
  }

  /** Times the file was found deleted or replaced from outside and opened again by name. */
  public long reopened() {
    return reopened;
  }

  @Override
  public String toString() {
    return "file " + path;
  }

  private void ensureOpen() throws IOException {
    if (out == null) {
      open();
      return;
    }
    if (checkIntervalNanos >= 0 && System.nanoTime() - nextCheckNanos >= 0) {
      Object key = currentKey();
      if (key == null || !key.equals(fileKey)) {
        FileOutputStream old = out;
        out = null;
        closeQuietly(old);
        reopened++;
        if (key == null && linesSinceCheck > 0) {
          unlinkedLines += linesSinceCheck;
          Reporter.print(
              "file sink: "
                  + path
                  + " was deleted or moved away while open; reopened; up to "
                  + linesSinceCheck
                  + " lines written to it in the last "
                  + TimeUnit.NANOSECONDS.toMillis(checkIntervalNanos)
                  + " ms are lost unless it was moved (counted in FileSink.unlinkedLines())");
        }
        open(); // Buffered lines, not yet written, go to the new file.
      }
      linesSinceCheck = 0;
      nextCheckNanos = System.nanoTime() + checkIntervalNanos;
    }
  }

  /** The file key at {@code path}, or null when there is no file there. */
  private Object currentKey() {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return key != null ? key : fileKey; // No file keys on this platform: assume ours.
    } catch (IOException e) {
      return null;
    }
  }

  private void open() throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      Files.createDirectories(dir); // Deleted under us: a log directory is the application's.
    }
    FileOutputStream o = new FileOutputStream(path.toFile(), true);
    try {
      fileSize = o.getChannel().size();
      fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (IOException | RuntimeException e) {
      closeQuietly(o);
      throw e;
    }
    out = o;
    linesSinceCheck = 0;
    nextCheckNanos = System.nanoTime() + checkIntervalNanos;
  }

  /** Writes whole lines, rotating between two lines whenever the next would pass the limit. */
  private void appendLines(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      long size = fileSize + buffered;
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
      writeOut(b, off, len);
      return;
    }
    if (len > buffer.length - buffered) {
      drainBuffer();
    }
    if (len >= buffer.length) {
      writeOut(b, off, len);
    } else {
      System.arraycopy(b, off, buffer, buffered, len);
      buffered += len;
    }
  }

  private void drainBuffer() throws IOException {
    if (buffered > 0) {
      writeOut(buffer, 0, buffered);
      buffered = 0; // Only once written: a failure keeps the lines.
    }
  }

  /**
   * One write of whole lines; on failure, what it appended is truncated away, so the file ends with
   * a whole line. Through the stream, not its channel: a channel write closes the file when the
   * calling thread is interrupted.
   */
  private void writeOut(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException | RuntimeException e) {
      truncatePartial(len);
      throw e;
    }
    fileSize += len;
  }

  private void truncatePartial(int len) {
    try {
      FileChannel ch = out.getChannel();
      long now = ch.size();
      if (now > fileSize && now < fileSize + len) {
        ch.truncate(fileSize);
      }
    } catch (IOException | RuntimeException e) {
      // The file is abandoned anyway; a fragment may remain at its end.
    }
  }

  private void rotate() throws IOException {
    drainBuffer();
    FileOutputStream o = out;
    out = null;
    o.close();
    RotatedFiles.shift(path, maxFiles);
    open();
  }

  /** After a failure: close the file, keep buffered lines; the next write reopens. */
  private void abandon() {
    if (out != null) {
      closeQuietly(out);
      out = null;
    }
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

  private static void closeQuietly(FileOutputStream o) {
    try {
      o.close();
    } catch (IOException e) {
      // Already failing; the caller reports the first error.
    }
  }

  /** Configures a {@link FileSink}. */
  public static final class Builder {
    private final Path path;
    private long maxBytes = Long.MAX_VALUE;
    private int maxFiles = 5;
    private int bufferSize;
    private Duration checkInterval = Duration.ofMillis(100);

    private Builder(Path path) {
      this.path = Objects.requireNonNull(path, "path");
    }

    /** Rotates before the file would pass this size. Default: never rotate. */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /** How many rotated files to keep besides the current one; 0 keeps none. Default 5. */
    public Builder maxFiles(int maxFiles) {
      if (maxFiles < 0 || maxFiles > 999_999) {
        throw new IllegalArgumentException("maxFiles must be in 0..999999, was " + maxFiles);
      }
      this.maxFiles = maxFiles;
      return this;
    }

    /**
     * Gathers up to this many bytes before writing; they reach the file when the buffer fills, on
     * {@link FileSink#flush()} and on {@link FileSink#close()}. Default 0: every line, or batch, is
     * written before the call returns.
     */
    public Builder bufferSize(int bufferSize) {
      if (bufferSize < 0) {
        throw new IllegalArgumentException("bufferSize must not be negative, was " + bufferSize);
      }
      this.bufferSize = bufferSize;
      return this;
    }

    /**
     * How often a write checks that the path still names the open file (deleted or moved away from
     * outside, it is reopened). Default 100 ms; zero checks on every write (one {@code stat} call
     * per write).
     */
    public Builder checkInterval(Duration checkInterval) {
      if (checkInterval.isNegative()) {
        throw new IllegalArgumentException("checkInterval must not be negative");
      }
      this.checkInterval = checkInterval;
      return this;
    }

    /**
     * Creates missing parent directories, removes rotated files beyond {@code maxFiles} (one
     * listing of the directory), and opens the file for appending.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    public FileSink build() {
      try {
        return new FileSink(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open log file " + path, e);
      }
    }
  }
}
