package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.VirtualThreadContextTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events from many virtual threads, which take builders from the shared pool, stay whole. */
class VirtualThreadEmitTest {
  @Test
  void tenThousandVirtualThreads_emitWholeSeparateLines(@TempDir Path dir) throws Exception {
    Path java = VirtualThreadContextTest.findJava21OrLater();
    Assumptions.assumeTrue(java != null, "no JDK 21 or later found");
    assertThat(VirtualThreadContextTest.runProbe(java, VirtualThreadEmitProbe.class, dir))
        .contains("VERDICT OK");
  }
}
