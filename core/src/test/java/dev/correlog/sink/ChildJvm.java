package dev.correlog.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Starts a JVM running a test class's {@code main}, with the test class path. */
final class ChildJvm {
  private static final Map<Process, Thread> COPIERS = new ConcurrentHashMap<>();

  private ChildJvm() {}

  static Process start(Class<?> main, Path stderr, String... args) throws IOException {
    return new ProcessBuilder(command(main, args)).redirectError(stderr.toFile()).start();
  }

  /**
   * Starts it with files limited to {@code kib} KiB ({@code ulimit -f}): a write past the limit
   * fails with "File too large", as on a full disk (the JVM ignores SIGXFSZ).
   */
  static Process startWithFileSizeLimit(Class<?> main, Path stderr, int kib, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -f " + kib + "; exec \"$@\"", "bash"));
    command.addAll(command(main, args));
    // Through a pipe: a file the child writes to itself would be limited too.
    Process p = new ProcessBuilder(command).start();
    Thread copier =
        new Thread(
            () -> {
              try (var out = Files.newOutputStream(stderr)) {
                p.getErrorStream().transferTo(out);
              } catch (IOException e) {
                // The test reads what was copied.
              }
            });
    copier.start();
    COPIERS.put(p, copier);
    return p;
  }

  /** Waits until the stderr of a child started with a file size limit is all in its file. */
  static void awaitStderr(Process p) throws InterruptedException {
    Thread copier = COPIERS.remove(p);
    if (copier != null) {
      copier.join(10_000);
    }
  }

  private static List<String> command(Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
