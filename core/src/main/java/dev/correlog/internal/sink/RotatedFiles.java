package dev.correlog.internal.sink;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files of a size-rotated log: {@code app.log} is written, {@code app.log.1} is the most
 * recently rotated file, {@code app.log.2} the one before, and so on up to {@code maxFiles}.
 */
public final class RotatedFiles {
  private RotatedFiles() {}

  /** The path of the {@code index}-th rotated file of {@code base}. */
  public static Path rotated(Path base, int index) {
    return base.resolveSibling(base.getFileName() + "." + index);
  }

  /**
   * Moves {@code base} to {@code base.1}, {@code base.1} to {@code base.2} and so on, deleting the
   * oldest so that at most {@code maxFiles} rotated files remain. With {@code maxFiles} 0 the base
   * file is simply deleted.
   *
   * <p>Only the run of rotated files that exist from {@code base.1} up to the first missing number
   * is shifted: the file after the run's end is missing, so nothing is overwritten, and files past
   * a gap move up once the run reaches them. The cost grows with the files on disk (one existence
   * check per file of the run, plus one), not with {@code maxFiles}.
   *
   * @return the file system operations done (checks, moves, deletes), for tests
   */
  public static int shift(Path base, int maxFiles) throws IOException {
    if (maxFiles == 0) {
      Files.deleteIfExists(base);
      return 1;
    }
    int ops = 0;
    int last = 0; // The run is base.1 .. base.last.
    while (last < maxFiles) {
      ops++;
      if (!Files.exists(rotated(base, last + 1))) {
        break;
      }
      last++;
    }
    if (last == maxFiles) {
      Files.deleteIfExists(rotated(base, maxFiles));
      ops++;
      last--;
    }
    for (int i = last; i >= 1; i--) {
      move(rotated(base, i), rotated(base, i + 1));
      ops++;
    }
    move(base, rotated(base, 1));
    return ops + 1;
  }

  /** Deletes the rotated files of {@code base} numbered above {@code maxFiles} (left by a run). */
  public static void trim(Path base, int maxFiles) throws IOException {
    Path dir = base.toAbsolutePath().getParent();
    String prefix = base.getFileName() + ".";
    DirectoryStream.Filter<Path> beyond = p -> index(p.getFileName().toString(), prefix) > maxFiles;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, beyond)) {
      for (Path p : stream) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The rotation index in {@code name}, or -1 when it is not {@code prefix} followed by digits. */
  static long index(String name, String prefix) {
    int n = name.length() - prefix.length();
    if (!name.startsWith(prefix) || n < 1 || n > 9) {
      return -1;
    }
    long value = 0;
    for (int i = prefix.length(); i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      // Nothing to move: a gap in the numbering, or the base file was removed from outside.
    }
  }
}
