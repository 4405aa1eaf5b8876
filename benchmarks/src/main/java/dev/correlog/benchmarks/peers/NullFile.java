package dev.correlog.benchmarks.peers;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where the asynchronous benchmarks write: {@code /dev/null} (or, where there is none, a temporary
 * file deleted on exit), through a real {@link FileOutputStream}, so every line costs a system call
 * as it would going to a file, without the disk.
 */
final class NullFile {
  static final Path PATH = path();

  private NullFile() {}

  private static Path path() {
    File devNull = new File("/dev/null");
    if (devNull.exists()) {
      return devNull.toPath();
    }
    try {
      File f = File.createTempFile("correlog-peers", ".log");
      f.deleteOnExit();
      return f.toPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stream to {@link #PATH} that counts the lines (newlines) written through it. */
  static Counting open() {
    try {
      return new Counting(new FileOutputStream(PATH.toFile(), true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts lines; written by one writer thread, read once it has stopped. */
  static final class Counting extends OutputStream {
    private final FileOutputStream out;
    long lines;

    private Counting(FileOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      if (b == '\n') {
        lines++;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      for (int i = off, end = off + len; i < end; i++) {
        if (b[i] == '\n') {
          lines++;
        }
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
