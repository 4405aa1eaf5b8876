package dev.correlog.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtual threads need Java 21; the build runs on 17. This test finds a JDK of 21 or later beside
 * the running one (or under /usr/lib/jvm) and runs {@link VirtualThreadProbe} in it.
 */
public class VirtualThreadContextTest {
  private static final Pattern VERSION = Pattern.compile("version \"(?:1\\.)?(\\d+)");

  @Test
  void contextCrossesIntoVirtualThreads(@TempDir Path dir) throws Exception {
    Path java = findJava21OrLater();
    Assumptions.assumeTrue(
        java != null,
        "no JDK 21 or later found beside "
            + System.getProperty("java.home")
            + " or in /usr/lib/jvm");
    Path out = dir.resolve("probe.out");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                VirtualThreadProbe.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("the probe did not finish within 120 s; it printed:%n%s", read(out));
    }
    String output = read(out);
    assertThat(output).as("probe run by %s", java).contains("VERDICT OK");
    assertThat(p.exitValue()).isZero();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** The java launcher of the newest JDK of version 21 or later that can be found, or null. */
  public static Path findJava21OrLater() throws InterruptedException {
    Path home = Path.of(System.getProperty("java.home"));
    if (Runtime.version().feature() >= 21) {
      return home.resolve("bin").resolve(launcherName());
    }
    List<Path> roots = new ArrayList<>();
    if (home.getParent() != null) {
      roots.add(home.getParent());
    }
    roots.add(Path.of("/usr/lib/jvm"));
    Path best = null;
    int bestVersion = 20;
    for (Path root : roots) {
      for (Path candidate : javasUnder(root)) {
        int v = majorVersion(candidate);
        if (v > bestVersion) {
          best = candidate;
          bestVersion = v;
        }
      }
    }
    return best;
  }

  private static String launcherName() {
    return File.separatorChar == '\\' ? "java.exe" : "java";
  }

  private static List<Path> javasUnder(Path root) {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return found;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.map(d -> d.resolve("bin").resolve(launcherName()))
          .filter(Files::isExecutable)
          .sorted()
          .forEach(found::add);
    } catch (IOException e) {
      // an unreadable folder has no JDK we can use
    }
    return found;
  }

  /** The major version {@code java -version} reports, or -1. */
  static int majorVersion(Path java) throws InterruptedException {
    Path out = null;
    try {
      out = Files.createTempFile("java-version", ".txt");
      Process p =
          new ProcessBuilder(java.toString(), "-version")
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return parseMajor(read(out));
    } catch (IOException e) {
      return -1;
    } finally {
      if (out != null) {
        out.toFile().delete();
      }
    }
  }

  static int parseMajor(String versionOutput) {
    Matcher m = VERSION.matcher(versionOutput);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  @Test
  void versionOutputIsParsedToItsMajorVersion() {
    assertThat(parseMajor("openjdk version \"25.0.1\" 2025-10-21 LTS")).isEqualTo(25);
    assertThat(parseMajor("openjdk version \"17.0.15\" 2025-04-15")).isEqualTo(17);
    assertThat(parseMajor("java version \"1.8.0_412\"")).isEqualTo(8);
    assertThat(parseMajor("openjdk version \"21\" 2023-09-19")).isEqualTo(21);
    assertThat(parseMajor("no version here")).isEqualTo(-1);
  }
}
