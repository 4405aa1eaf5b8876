package dev.correlog.redeploy;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.Level;
import dev.correlog.context.ContextExecutors;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Propagation;
import dev.correlog.sampling.ErrorFlush;
import dev.correlog.sink.Sinks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web application's use of Correlog, run inside a throwaway class loader by {@code
 * ClassLoaderLeakTest}: an asynchronous file sink with its shutdown hook, error flush, scopes, the
 * MDC mirror, propagation, on the container's threads (which outlive the application). Takes and
 * returns JDK types only, so the caller holds nothing of the loader.
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
    EventLogger log = correlog.logger(RedeployProbe.class);
    AtomicInteger mdcSeen = new AtomicInteger();
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
                    request(log, id, i, mdcSeen, wrapped);
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
    long emitted = correlog.counters().emitted();
    correlog.close();
    Correlog.uninstall();
    return "emitted=" + emitted + " mdc=" + mdcSeen.get();
  }

  private static void request(
      EventLogger log, int thread, int i, AtomicInteger mdcSeen, ExecutorService wrapped)
      throws Exception {
    Map<String, String> headers =
        Map.of(
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e47" + hex(thread, i) + "-00f067aa0ba902b7-01");
    TraceContext server = Propagation.startServerSpan(headers, Carriers.MAP_GETTER);
    try (Scope s = server.attach()) {
      if (server.traceIdHex().equals(org.slf4j.MDC.get("trace_id"))) {
        mdcSeen.incrementAndGet();
      }
      log.info("request.start").field("i", i).emit();
      log.debug("detail").emit();
      try (Scope child = server.newChild().attach()) {
        log.at(Level.INFO, "child.work").field("thread", thread).emit();
      }
      if (i % 50 == 0) {
        wrapped.submit(() -> log.warn("background").emit()).get();
      }
      if (i % 20 == 0) {
        log.error("request.failed").error(new IllegalStateException("boom " + i)).emit();
      }
    }
  }

  private static String hex(int a, int b) {
    return String.format("%02x", (a * 31 + b) & 0xff);
  }
}
