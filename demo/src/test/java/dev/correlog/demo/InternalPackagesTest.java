package dev.correlog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Modules other than core use core's public API only: none imports {@code internal}. */
class InternalPackagesTest {
  @Test
  void noModuleButCoreUsesCoresInternalPackages() throws IOException {
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      for (Path module : (Iterable<Path>) modules::iterator) {
        Path main = module.resolve("src/main/java");
        if (module.getFileName().toString().equals("core") || !Files.isDirectory(main)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(main)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            if (!f.toString().endsWith(".java")) {
              continue;
            }
            scanned++;
            if (Files.readString(f, StandardCharsets.UTF_8).contains("dev.correlog.internal")) {
              offenders.add(f.toString());
            }
          }
        }
      }
    }
    assertThat(scanned).isGreaterThan(20);
    assertThat(offenders).isEmpty();
  }
}
