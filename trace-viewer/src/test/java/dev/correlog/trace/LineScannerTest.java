package dev.correlog.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineScannerTest {
  private static List<String> scan(LineScanner scanner, byte[] input, int chunk)
      throws IOException {
    List<String> lines = new ArrayList<>();
    // A stream that returns at most `chunk` bytes per read, so lines cross read boundaries.
    InputStream in =
        new ByteArrayInputStream(input) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
          }
        };
    scanner.scan(
        in, (buf, off, len) -> lines.add(new String(buf, off, len, StandardCharsets.UTF_8)));
    return lines;
  }

  @Test
  void everyLineWhateverTheReadBoundaries() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    Random random = new Random(1);
    for (int i = 0; i < 5000; i++) {
      String line = "line " + i + " " + "x".repeat(random.nextInt(900));
      expected.add(line);
      text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
    }
    text.append("last without newline");
    expected.add("last without newline");
    byte[] input = text.toString().getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {1 << 20, 4096, 977}) {
      LineScanner scanner = new LineScanner();
      assertThat(scan(scanner, input, chunk)).isEqualTo(expected);
      assertThat(scanner.lines).isEqualTo(expected.size());
      assertThat(scanner.bytes).isEqualTo(input.length);
    }
  }

  @Test
  void needlesFindEveryMatchingLineOnceAcrossBuffers() throws IOException {
    String a = "4bf92f3577b34da6a3ce929d0e0e4736";
    String b = "req-789";
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      String line =
          switch (i % 97) {
            case 0 -> "{\"trace_id\":\"" + a + "\",\"n\":" + i + "}";
            case 1 -> "{\"request_id\":\"" + b + "\",\"n\":" + i + ",\"again\":\"" + b + "\"}";
            case 2 -> "{\"t\":\"" + a + "\",\"r\":\"" + b + "\",\"n\":" + i + "}";
            case 3 -> "{\"near\":\"" + a.substring(0, 31) + "x" + "\",\"n\":" + i + "}";
            default -> "{\"trace_id\":\"" + "0123456789abcdef".repeat(2) + "\",\"n\":" + i + "}";
          };
      if (i % 97 < 3) {
        expected.add(line);
      }
      text.append(line).append('\n');
    }
    byte[] input = text.toString().getBytes(StandardCharsets.UTF_8);
    LineScanner scanner =
        new LineScanner(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    assertThat(scan(scanner, input, 1 << 16)).isEqualTo(expected);
  }

  @Test
  void oversizeLinesAreSkippedUnreadAndCounted() throws IOException {
    String big = "y".repeat(LineScanner.MAX_LINE + 10);
    String huge = "z".repeat(3 * LineScanner.MAX_LINE);
    byte[] input = ("a\n" + big + "\nb\n" + huge + "\nc").getBytes(StandardCharsets.UTF_8);
    LineScanner scanner = new LineScanner();
    assertThat(scan(scanner, input, 1 << 16)).containsExactly("a", "b", "c");
    assertThat(scanner.oversize).isEqualTo(2);
  }
}
