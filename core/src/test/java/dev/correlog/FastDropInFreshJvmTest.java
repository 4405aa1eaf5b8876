package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.VirtualThreadContextTest;
import dev.correlog.internal.OtelBridge;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link DecidedDropTest} and {@link ScopeNotedDropTest} again in a JVM of their own, where no
 * OpenTelemetry span was ever attached: there the short drop in {@code EventLogger.at} is the path
 * their events take. In the suite's JVM it may not be (once {@link OneCurrentTest} attached a span,
 * OpenTelemetry is asked for every event, for good), so the tests there check only the outcome.
 */
class FastDropInFreshJvmTest {
  @Test
  void theDropTestsPass_withTheShortDropInEffect(@TempDir Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String out = VirtualThreadContextTest.runProbe(java, FastDropInFreshJvmTest.class, dir);
    assertThat(out).contains("VERDICT OK");
  }

  /** The probe: each test method without parameters, OpenTelemetry's last. */
  public static void main(String[] args) throws Exception {
    int run = 0;
    for (boolean otel : new boolean[] {false, true}) {
      for (Class<?> type : new Class<?>[] {DecidedDropTest.class, ScopeNotedDropTest.class}) {
        Constructor<?> make = type.getDeclaredConstructor();
        make.setAccessible(true);
        for (Method m : type.getDeclaredMethods()) {
          boolean isOtel = m.getName().contains("OpenTelemetry");
          if (!m.isAnnotationPresent(Test.class) || m.getParameterCount() > 0 || isOtel != otel) {
            continue;
          }
          m.setAccessible(true);
          m.invoke(make.newInstance()); // an AssertionError ends the probe with a non-zero exit
          if (!otel && !OtelBridge.bypassed()) {
            throw new AssertionError("OpenTelemetry was still asked after " + m.getName());
          }
          run++;
        }
      }
    }
    System.out.println("VERDICT OK, " + run + " tests");
  }
}
