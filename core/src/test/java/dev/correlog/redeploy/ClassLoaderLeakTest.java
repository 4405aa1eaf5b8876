package dev.correlog.redeploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web container's redeploy: the library (core's classes, slf4j-api with an MDC adapter) is loaded
 * in a throwaway class loader, used from the container's threads (which outlive the application)
 * with an asynchronous sink, its shutdown hook, error flush holding the lines of unsampled requests
 * (written before an ERROR, or discarded when a request ends without one, across the request's
 * threads), scopes, SLF4J-style events and the MDC mirror; closed; the loader dropped. It must then
 * be collected: no thread-local, thread, shutdown hook or static registry outside the loader may
 * keep it.
 */
class ClassLoaderLeakTest {
  @TempDir Path dir;

  @Test
  @Timeout(120)
  void afterCloseTheApplicationsClassLoaderIsCollected_whileTheContainerThreadsLiveOn()
      throws Exception {
    ThreadPoolExecutor container =
        new ThreadPoolExecutor(8, 8, 1, TimeUnit.HOURS, new LinkedBlockingQueue<>());
    container.prestartAllCoreThreads();
    try {
      WeakReference<ClassLoader> ref = deployUseAndUndeploy(container);
      for (int i = 0; i < 100 && ref.get() != null; i++) {
        System.gc();
        Thread.sleep(50);
      }
      assertThat(ref.get()).as("the application's class loader was collected").isNull();
      assertThat(Thread.getAllStackTraces().keySet())
          .extracting(Thread::getName)
          .noneMatch(n -> n.startsWith("correlog-"));
    } finally {
      container.shutdownNow();
    }
  }

  /** Everything of the loader stays in this frame, so nothing on the test's stack keeps it. */
  private WeakReference<ClassLoader> deployUseAndUndeploy(ExecutorService container)
      throws Exception {
    Path services = dir.resolve("services");
    Path file = services.resolve("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "dev.correlog.context.RecordingSlf4jProvider\n");
    URL[] urls = {
      location(dev.correlog.Correlog.class), // core's classes
      location(RedeployProbe.class), // the probe and the recording SLF4J provider
      location(org.slf4j.MDC.class), // slf4j-api's jar
      services.toUri().toURL()
    };
    URLClassLoader webapp =
        new URLClassLoader("webapp", urls, ClassLoader.getPlatformClassLoader());
    Thread me = Thread.currentThread();
    ClassLoader before = me.getContextClassLoader();
    me.setContextClassLoader(webapp); // the async writer is started with the application's loader
    String summary;
    try {
      Class<?> probe = Class.forName(RedeployProbe.class.getName(), true, webapp);
      assertThat(probe.getClassLoader()).isSameAs(webapp);
      summary =
          (String)
              probe
                  .getMethod("run", ExecutorService.class, int.class, String.class)
                  .invoke(null, container, 4, dir.resolve("app.log").toString());
    } finally {
      me.setContextClassLoader(before);
    }
    // "emitted=a/b flushed=c/d sampled_out=e/f mdc=800": each count as the probe expected it.
    Matcher m =
        Pattern.compile(
                "emitted=(\\d+)/(\\d+) flushed=(\\d+)/(\\d+) sampled_out=(\\d+)/(\\d+) mdc=800")
            .matcher(summary);
    assertThat(m.matches()).as(summary).isTrue();
    assertThat(m.group(1)).as("lines written").isEqualTo(m.group(2));
    assertThat(m.group(3)).as("held lines written before an error").isEqualTo(m.group(4));
    assertThat(m.group(5)).as("held lines of requests without error").isEqualTo(m.group(6));
    assertThat(Integer.parseInt(m.group(4))).isPositive(); // both outcomes of error flush ran
    assertThat(Integer.parseInt(m.group(6))).isPositive();
    assertThat(Files.readAllLines(dir.resolve("app.log"))).hasSize(Integer.parseInt(m.group(2)));
    webapp.close();
    return new WeakReference<>(webapp);
  }

  private static URL location(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }
}
