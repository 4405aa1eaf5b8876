package dev.correlog.sink;

import dev.correlog.Level;
import dev.correlog.internal.sink.BatchSink;
import dev.correlog.internal.sink.RotatedFiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends lines to a file, with optional size-based rotation: when a line would take the file past
 * {@code maxBytes}, {@code app.log} becomes {@code app.log.1}, {@code app.log.1} becomes {@code
 * app.log.2}, and so on; at most {@code maxFiles} rotated files are kept, counting those left by an
 * earlier run. A line is never split across files; a line longer than {@code maxBytes} gets a file
 * of its own.
 *
 * <p>By default each line (or each batch, from {@link AsyncSink}) is handed to the operating system
 * in one write before the call returns. With {@link Builder#bufferSize(int)} lines are gathered and
 * written when the buffer is full and on {@link #flush()} and {@link #close()}.
 *
 * <p>Recovery: when a write fails (full disk, removed directory) the call throws, the file is
 * closed, and the next write opens it again, so writing resumes when the target does. A file
 * deleted or moved away from outside is noticed within {@link Builder#checkInterval(Duration)} and
 * reopened by name. Missing directories are created once, when the sink is built, never on reopen:
 * a removed directory may be an unmounted volume, whose mount point must not fill up.
 */
public final class FileSink implements BatchSink {
  private final Path path;
  private final long maxBytes;
  private final int maxFiles;
  private final long checkIntervalNanos;
  private final byte[] buffer;
  // A lock rather than synchronized: a virtual thread blocked in write must not pin its carrier.
  private final ReentrantLock lock = new ReentrantLock();

  private FileOutputStream out;
  private Object fileKey;
  private long size;
  private int buffered;
  private long nextCheckNanos;
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
    writeBatch(line, offset, length, 1);
  }

  /** Appends whole lines; part of the batch contract used by {@link AsyncSink}. */
  @Override
  public void writeBatch(byte[] buf, int offset, int length, int lines) throws IOException {
    lock.lock();
    try {
      if (closed) {
        throw new IOException("file sink closed: " + path);
      }
      try {
        ensureOpen();
        appendLines(buf, offset, length);
      } catch (IOException e) {
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
      if (out != null) {
        try {
          drainBuffer();
        } catch (IOException e) {
          abandon();
          throw e;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (out != null) {
        try {
          drainBuffer();
        } finally {
          FileOutputStream o = out;
          out = null;
          o.close();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "file " + path;
  }

  private void ensureOpen() throws IOException {
    if (out == null) {
      open();
    } else if (checkIntervalNanos >= 0 && System.nanoTime() - nextCheckNanos >= 0) {
      if (!isStillOurFile()) {
        FileOutputStream old = out;
        out = null;
        closeQuietly(old);
        open(); // Buffered lines, not yet written, go to the new file.
      }
      nextCheckNanos = System.nanoTime() + checkIntervalNanos;
    }
  }

  private boolean isStillOurFile() {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return key == null || key.equals(fileKey);
    } catch (IOException e) {
      return false;
    }
  }

  private void open() throws IOException {
    FileOutputStream o = new FileOutputStream(path.toFile(), true);
    try {
      size = o.getChannel().size() + buffered;
      fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      closeQuietly(o);
      throw e;
    }
    out = o;
    nextCheckNanos = System.nanoTime() + checkIntervalNanos;
  }

  /** Writes whole lines, rotating between two lines whenever the next would pass the limit. */
  private void appendLines(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
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
      out.write(b, off, len);
    } else {
      if (len > buffer.length - buffered) {
        drainBuffer();
      }
      if (len >= buffer.length) {
        out.write(b, off, len);
      } else {
        System.arraycopy(b, off, buffer, buffered, len);
        buffered += len;
      }
    }
    size += len;
  }

  private void drainBuffer() throws IOException {
    if (buffered > 0) {
      int n = buffered;
      buffered = 0;
      out.write(buffer, 0, n);
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

  /** After a failure: close the file, forget buffered lines; the next write reopens. */
  private void abandon() {
    buffered = 0;
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
    private Duration checkInterval = Duration.ofSeconds(1);

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
     * outside, it is reopened). Default 1 second; zero checks on every write.
     */
    public Builder checkInterval(Duration checkInterval) {
      if (checkInterval.isNegative()) {
        throw new IllegalArgumentException("checkInterval must not be negative");
      }
      this.checkInterval = checkInterval;
      return this;
    }

    /**
     * Creates missing parent directories, removes rotated files beyond {@code maxFiles}, and opens
     * the file for appending.
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
