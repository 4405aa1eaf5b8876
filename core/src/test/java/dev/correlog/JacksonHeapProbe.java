package dev.correlog;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM with a small heap by {@link JacksonHeapTest}: values Jackson would render to
 * gigabytes, and a map containing itself. Prints "VERDICT OK" when every line is valid and nothing
 * was thrown into this caller.
 */
public final class JacksonHeapProbe {
  private JacksonHeapProbe() {}

  public static void main(String[] args) {
    RawSink sink = new RawSink();
    try (Correlog correlog = Correlog.builder().service("p").version("1").sink(sink).build()) {
      EventLogger log = correlog.logger("probe");
      String longString = "z".repeat(1000);
      Map<String, Object> self = new HashMap<>();
      self.put("self", self);
      List<String> huge = Collections.nCopies(3_000_000, longString);
      for (int i = 0; i < 5; i++) {
        log.info("huge").field("items", huge).field("k", i).emit();
        log.info("self").field("map", self).field("k", i).emit();
        log.info("nested").field("o", o -> o.field("items", huge).field("k", 1)).emit();
      }
      List<byte[]> lines = sink.lines();
      if (lines.size() != 15) {
        System.out.println("VERDICT FAIL lines=" + lines.size());
        return;
      }
      for (byte[] line : lines) {
        StrictLines.check(line, 64 * 1024);
      }
      System.out.println("VERDICT OK");
    } catch (Throwable t) {
      System.out.println("VERDICT FAIL " + t);
    }
  }
}
