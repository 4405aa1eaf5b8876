package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.VirtualThreadContextTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events from many virtual threads, which take builders from the shared pool, stay whole. */
class VirtualThreadEmitTest {
  @Test
  void tenThousandVirtualThreads_emitWholeSeparateLines(@TempDir Path dir) throws Exception {
    Path java = VirtualThreadContextTest.findJava21OrLater();
    Assumptions.assumeTrue(java != null, "no JDK 21 or later found");
    Path out = dir.resolve("probe.out");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                VirtualThreadEmitProbe.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("VERDICT OK");
  }
}
