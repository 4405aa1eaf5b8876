package dev.correlog.internal.sink;

import dev.correlog.internal.Reporter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * The file a {@link dev.correlog.sink.FileSink} appends to, opened by name: opened again when it is
 * found deleted or moved away from outside (checked at most once per check interval), after a
 * rotation, and after a failure. A failed write truncates what it appended, so the file holds whole
 * lines only. Not thread-safe: the file sink calls it under its lock.
 */
public final class LogFile {
  private final Path path;
  private final long checkIntervalNanos;

  private FileOutputStream out;
  private Object fileKey;
  private long fileSize;
  private long nextCheckNanos;
  private long linesSinceCheck;
  private volatile long unlinkedLines;
  private volatile long reopened;

  /** A file at {@code path}, not opened yet; {@code checkIntervalNanos} 0 checks every write. */
  public LogFile(Path path, long checkIntervalNanos) {
    this.path = path;
    this.checkIntervalNanos = checkIntervalNanos;
  }

  /** Where the file is. */
  Path path() {
    return path;
  }

  /** Bytes in the file, as far as this process wrote them. */
  long size() {
    return fileSize;
  }

  /** Counts {@code lines} written since the last check that the path names this file. */
  void countLines(int lines) {
    linesSinceCheck += lines;
  }

  /** Lines written to a file then found gone from its path: see {@code FileSink.unlinkedLines}. */
  public long unlinkedLines() {
    return unlinkedLines;
  }

  /** Times the file was found deleted or replaced and opened again by name. */
  public long reopened() {
    return reopened;
  }

  /**
   * Opens the file when it is closed; when the check interval has passed, opens it again by name if
   * the path no longer names the open file (deleted or moved away), reporting the lines that may
   * have been lost.
   */
  public void ensureOpen() throws IOException {
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

  /** Opens the file for appending, creating its directory again if it was deleted. */
  public void open() throws IOException {
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

  /**
   * One write of whole lines; on failure, what it appended is truncated away, so the file ends with
   * a whole line. Through the stream, not its channel: a channel write closes the file when the
   * calling thread is interrupted.
   */
  void write(byte[] b, int off, int len) throws IOException {
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

  /** Closes the file, shifts the rotated files ({@link RotatedFiles#shift}) and opens a new one. */
  void rotate(int maxFiles) throws IOException {
    FileOutputStream o = out;
    out = null;
    o.close();
    RotatedFiles.shift(path, maxFiles);
    open();
  }

  /** After a failure: closes the file quietly; the next {@link #ensureOpen} opens it again. */
  public void abandon() {
    if (out != null) {
      closeQuietly(out);
      out = null;
    }
  }

  /** Closes the file, if open. */
  public void close() throws IOException {
    FileOutputStream o = out;
    out = null;
    if (o != null) {
      o.close();
    }
  }

  private static void closeQuietly(FileOutputStream o) {
    try {
      o.close();
    } catch (IOException e) {
      // Already failing; the caller reports the first error.
    }
  }
}
