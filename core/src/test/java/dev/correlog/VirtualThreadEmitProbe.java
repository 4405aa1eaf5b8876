package dev.correlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM (Java 21 or later) by {@link VirtualThreadEmitTest}: 10,000 virtual threads
 * each emit one event in their own request; every line must be whole, valid and carry its own
 * request's fields. Prints {@code VERDICT OK} or {@code VERDICT FAIL <why>}.
 */
@SuppressWarnings("try")
public final class VirtualThreadEmitProbe {
  private VirtualThreadEmitProbe() {}

  public static void main(String[] args) {
    String verdict;
    try {
      verdict = run();
    } catch (Throwable t) {
      verdict = "FAIL " + t;
    }
    System.out.println("VERDICT " + verdict);
  }

  private static String run() throws Exception {
    CollectingSink sink = new CollectingSink();
    Correlog c = Lines.builder(sink).build();
    EventLogger log = c.logger("vt");
    int n = 10_000;
    ExecutorService vts =
        (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    for (int i = 0; i < n; i++) {
      int id = i;
      vts.execute(
          () -> {
            try (Scope s = TraceContext.newRoot("r-" + id).attach()) {
              Thread.yield();
              log.info("vt.event").field("seq", id).message("m" + id).emit();
            }
          });
    }
    vts.shutdown();
    if (!vts.awaitTermination(60, TimeUnit.SECONDS)) {
      return "FAIL timeout";
    }
    Set<Integer> seen = new HashSet<>();
    for (String raw : sink.rawLines()) {
      JsonNode node = Lines.JSON.readTree(raw);
      int seq = node.get("seq").asInt();
      if (!node.get("request_id").asText().equals("r-" + seq)
          || !node.get("message").asText().equals("m" + seq)) {
        return "FAIL mixed line " + raw;
      }
      seen.add(seq);
    }
    return seen.size() == n ? "OK" : "FAIL " + seen.size() + " distinct lines of " + n;
  }
}
