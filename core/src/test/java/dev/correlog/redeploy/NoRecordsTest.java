package dev.correlog.redeploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Correlog;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core's main classes hold no {@code record}: on JDK 17 the first call of a record's generated
 * {@code equals} (and of {@code hashCode} or {@code toString} with a component of a library type)
 * leaves a method handle typed with the record's class in a static field of the JDK, which keeps
 * the class loader of a redeployed web application (core/RATIONALE.md, "Redeploy"). The adapters'
 * classes are checked by {@code LibraryRecordsTest} in demo/.
 */
class NoRecordsTest {
  @Test
  void noClassOfCoresMainOutputIsARecord() throws IOException, URISyntaxException {
    Path classes =
        Path.of(Correlog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(classes).as("core's main output, a directory in the build").isDirectory();
    List<String> records = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String relative = classes.relativize(f).toString().replace('\\', '/');
        if (!relative.endsWith(".class") || relative.endsWith("module-info.class")) {
          continue;
        }
        String name =
            relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        Class<?> c;
        try {
          c = Class.forName(name, false, Correlog.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          throw new AssertionError("could not load " + name + " to check it", e);
        }
        scanned++;
        if (c.isRecord()) {
          records.add(name);
        }
      }
    }
    assertThat(scanned).as("classes scanned").isGreaterThan(100);
    assertThat(records)
        .as(
            "records in core's main code; make each a final class with its own equals/hashCode/"
                + "toString: a record's generated ones pin a redeployed application's class loader"
                + " (core/RATIONALE.md, \"Redeploy\")")
        .isEmpty();
  }
}
