package dev.correlog.redeploy;

import dev.correlog.Correlog;
import dev.correlog.Counters;
import dev.correlog.EventLogger;
import dev.correlog.FieldNamePolicy;
import dev.correlog.Level;
import dev.correlog.context.ContextExecutors;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Propagation;
import dev.correlog.sampling.ErrorBoost;
import dev.correlog.sampling.ErrorFlush;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.FieldType;
import dev.correlog.sink.Sinks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web application's use of Correlog, run inside a throwaway class loader by {@code
 * ClassLoaderLeakTest}: an asynchronous file sink with its shutdown hook, error flush, scopes, the
 * MDC mirror, propagation, on the container's threads (which outlive the application); and, as a
 * user comparing configurations would, {@code equals}, {@code hashCode} and {@code toString} of the
 * public value types. Takes and returns JDK types only, so the caller holds nothing of the loader.
 */
public final class RedeployProbe {
  private RedeployProbe() {}

  /**
   * Logs from {@code threads} tasks on the container's pool; returns a summary, or the problems.
   */
  public static String run(ExecutorService container, int threads, String file) throws Exception {
    ClassLoader app = RedeployProbe.class.getClassLoader();
    org.slf4j.MDC.get("warm-up"); // SLF4J initialised first, as an application's logging is
    Correlog correlog =
        Correlog.builder()
            .service("webapp")
            .version("1")
            .sink(Sinks.async(Sinks.file(Path.of(file))))
            .headRatio(0.5)
            .errorFlush(ErrorFlush.defaults())
            .build();
    Correlog.install(correlog);
    compareValues();
    EventLogger log = correlog.logger(RedeployProbe.class);
    AtomicInteger mdcSeen = new AtomicInteger();
    Expected expected = new Expected();
    ExecutorService wrapped = ContextExecutors.wrap(container);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      done.add(
          container.submit(
              () -> {
                Thread me = Thread.currentThread();
                ClassLoader before = me.getContextClassLoader();
                me.setContextClassLoader(app); // as a container does around a request
                try {
                  for (int i = 0; i < 200; i++) {
                    request(log, id, i, mdcSeen, wrapped, expected);
                  }
                } finally {
                  me.setContextClassLoader(before);
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    Counters counters = correlog.counters();
    correlog.close();
    Correlog.uninstall();
    return "emitted="
        + counters.emitted()
        + "/"
        + expected.written
        + " flushed="
        + counters.errorFlushed()
        + "/"
        + expected.flushed
        + " sampled_out="
        + counters.sampledOut()
        + "/"
        + expected.discarded
        + " mdc="
        + mdcSeen.get();
  }

  /** What the run should have written and counted, worked out as it goes. */
  private static final class Expected {
    final AtomicInteger written = new AtomicInteger();
    final AtomicInteger flushed = new AtomicInteger();
    final AtomicInteger discarded = new AtomicInteger();
  }

  /**
   * One request of a trace the caller did not sample (four in five): its INFO lines are held by
   * error flush, on the request thread and on a continuation thread of the same trace, and written
   * before its ERROR (one request in four) or discarded when it ends without one.
   */
  private static void request(
      EventLogger log,
      int thread,
      int i,
      AtomicInteger mdcSeen,
      ExecutorService wrapped,
      Expected expected)
      throws Exception {
    boolean sampled = i % 5 == 0;
    boolean fails = i % 4 == 0;
    boolean continuation = i % 3 == 0;
    Map<String, String> headers =
        Map.of(
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e"
                + hex(thread, i)
                + "-00f067aa0ba902b7-"
                + (sampled ? "01" : "00"));
    TraceContext server = Propagation.startServerSpan(headers, Carriers.MAP_GETTER);
    int info = 0;
    try (Scope s = server.attach()) {
      if (server.traceIdHex().equals(org.slf4j.MDC.get("trace_id"))) {
        mdcSeen.incrementAndGet();
      }
      log.info("request.start").field("i", i).emit();
      log.debug("detail").emit(); // below the level: neither held nor written
      // As the SLF4J provider logs: the default event name, names kept as given, no context given.
      log.at(Level.INFO, "log", null)
          .fieldNames(FieldNamePolicy.KEEP)
          .field("userId", i)
          .message("slf4j style")
          .emit();
      info += 2;
      try (Scope child = server.newChild().attach()) {
        log.at(Level.INFO, "child.work").field("worker", thread).emit();
        info++;
      }
      if (continuation) { // another container thread of the same trace, ended before the error
        wrapped.submit(() -> log.info("continuation.step").emit()).get();
        info++;
      }
      if (i % 50 == 0) {
        wrapped.submit(() -> log.warn("background").emit()).get(); // WARN: always written
        expected.written.incrementAndGet();
      }
      if (fails) {
        log.error("request.failed").error(new IllegalStateException("boom " + i)).emit();
        expected.written.incrementAndGet();
      }
    }
    if (sampled) {
      expected.written.addAndGet(info);
    } else if (fails) {
      expected.written.addAndGet(info);
      expected.flushed.addAndGet(info);
    } else {
      expected.discarded.addAndGet(info);
    }
  }

  /**
   * Calls {@code equals}, {@code hashCode} and {@code toString} of the public value types. Were one
   * a {@code record}, its generated methods would leave a handle typed with its class in the JDK
   * (core/RATIONALE.md, "Redeploy"), and the loader would not be collected.
   */
  private static void compareValues() {
    ErrorFlush flush = new ErrorFlush(256, 256 * 1024, 32L * 1024 * 1024);
    ErrorBoost boost =
        new ErrorBoost(0.05, Duration.ofSeconds(30), 100, 1.0, Duration.ofMinutes(5));
    EventSchema.FieldSpec spec =
        EventSchema.named("order.placed").optionalString("coupon", 32).fields().get("coupon");
    check(flush, ErrorFlush.defaults(), new ErrorFlush(1, 1, 1));
    check(
        boost,
        ErrorBoost.defaults(),
        new ErrorBoost(0.5, Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(1)));
    check(
        spec,
        new EventSchema.FieldSpec("coupon", FieldType.STRING, false, 32, false),
        new EventSchema.FieldSpec("coupon", FieldType.STRING, false, 32, true));
  }

  private static void check(Object value, Object same, Object other) {
    if (!value.equals(same)
        || value.hashCode() != same.hashCode()
        || value.equals(other)
        || !value.toString().equals(same.toString())) {
      throw new IllegalStateException("value semantics broken: " + value + " / " + same);
    }
  }

  private static String hex(int a, int b) {
    return String.format("%02x%04x", a, b); // one trace per request
  }
}
