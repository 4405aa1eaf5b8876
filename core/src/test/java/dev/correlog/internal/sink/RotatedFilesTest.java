package dev.correlog.internal.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation work grows with the rotated files on disk, not with maxFiles. */
class RotatedFilesTest {
  @TempDir Path dir;

  private String[] names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void aShiftWithMaxFiles999999DoesWorkInProportionToTheFilesOnDisk() throws IOException {
    Path base = dir.resolve("app.log");
    for (int rotation = 1; rotation <= 30; rotation++) {
      Files.writeString(base, "r" + rotation + "\n");
      int ops = RotatedFiles.shift(base, 999_999);
      // rotation - 1 files existed: one check each plus one, a move each, and the base's move.
      assertThat(ops).isEqualTo(2 * (rotation - 1) + 2);
    }
    assertThat(names()).hasSize(30);
    assertThat(Files.readString(RotatedFiles.rotated(base, 1))).isEqualTo("r30\n");
    assertThat(Files.readString(RotatedFiles.rotated(base, 30))).isEqualTo("r1\n");
  }

  @Test
  void theOldestIsDeletedAtMaxFiles() throws IOException {
    Path base = dir.resolve("app.log");
    for (int rotation = 1; rotation <= 5; rotation++) {
      Files.writeString(base, "r" + rotation + "\n");
      RotatedFiles.shift(base, 3);
    }
    assertThat(names()).containsExactly("app.log.1", "app.log.2", "app.log.3");
    assertThat(Files.readString(RotatedFiles.rotated(base, 3))).isEqualTo("r3\n");
  }

  @Test
  void filesPastAGapAreNeverOverwrittenAndMoveUpWhenTheRunReachesThem() throws IOException {
    Path base = dir.resolve("app.log");
    Files.writeString(RotatedFiles.rotated(base, 1), "one\n");
    Files.writeString(RotatedFiles.rotated(base, 3), "three\n");
    Files.writeString(base, "base\n");
    assertThat(RotatedFiles.shift(base, 10)).isEqualTo(2 + 1 + 1);
    assertThat(Files.readString(RotatedFiles.rotated(base, 2))).isEqualTo("one\n");
    assertThat(Files.readString(RotatedFiles.rotated(base, 3))).isEqualTo("three\n");

    Files.writeString(base, "next\n");
    RotatedFiles.shift(base, 10);
    assertThat(Files.readString(RotatedFiles.rotated(base, 4))).isEqualTo("three\n");
    assertThat(Files.readString(RotatedFiles.rotated(base, 3))).isEqualTo("one\n");
    assertThat(Files.readString(RotatedFiles.rotated(base, 1))).isEqualTo("next\n");
  }
}
