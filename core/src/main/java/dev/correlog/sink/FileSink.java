package dev.correlog.sink;

import dev.correlog.Level;
import dev.correlog.internal.sink.LineAppender;
import dev.correlog.internal.sink.LogFile;
import dev.correlog.internal.sink.RotatedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
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
  private final LogFile file;
  private final LineAppender appender;
  // A lock rather than synchronized: a virtual thread blocked in write must not pin its carrier.
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private FileSink(Builder b) throws IOException {
    this.path = b.path;
    this.file = new LogFile(path, b.checkInterval.toNanos());
    this.appender = new LineAppender(file, b.maxBytes, b.maxFiles, b.bufferSize);
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    if (b.maxBytes != Long.MAX_VALUE) {
      RotatedFiles.trim(path, b.maxFiles);
    }
    file.open();
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
        appender.write(buf, offset, length, lines);
      } catch (IOException | RuntimeException e) {
        file.abandon(); // Buffered lines are kept; the next write reopens.
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
      if (!closed) {
        try {
          appender.flush();
        } catch (IOException | RuntimeException e) {
          file.abandon();
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
      appender.close();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lines written since the check before to a file then found gone from its path (deleted, with its
   * directory or not, or moved away): an upper bound of the lines lost to a deleted file.
   */
  public long unlinkedLines() {
    return file.unlinkedLines();
  }

  /** Times the file was found deleted or replaced from outside and opened again by name. */
  public long reopened() {
    return file.reopened();
  }

  @Override
  public String toString() {
    return "file " + path;
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
