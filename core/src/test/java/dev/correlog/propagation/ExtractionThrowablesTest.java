package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.TraceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing a getter, a setter or a propagator throws escapes extraction or injection: every kind of
 * throwable, {@link VirtualMachineError}s included, against every propagator and both edges.
 */
class ExtractionThrowablesTest {
  private PrintStream stderr;

  @BeforeEach
  void captureStderr() {
    stderr = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStderr() {
    System.setErr(stderr);
  }

  static Stream<Arguments> throwables() {
    return Stream.<Supplier<Throwable>>of(
            () -> new StackOverflowError(),
            () -> new OutOfMemoryError("getter"),
            () -> new InternalError("getter"),
            () -> new UnknownError("getter"),
            () -> new AssertionError("getter"),
            () -> new LinkageError("getter"),
            () -> new ExceptionInInitializerError("getter"),
            () -> new IllegalStateException("getter"),
            () -> new NullPointerException(),
            () -> new IOException("checked, thrown sneakily"),
            () -> new Exception("plain checked"),
            () -> new Throwable("bare throwable"),
            () ->
                new RuntimeException() {
                  @Override
                  public String toString() {
                    throw new IllegalStateException("toString throws too");
                  }
                })
        .flatMap(
            t ->
                Stream.of(
                        Propagators.defaults(),
                        Propagators.w3c(),
                        Propagators.b3Single(),
                        Propagators.b3Multi(),
                        Propagators.requestId())
                    .map(p -> Arguments.of(t.get().getClass().getName(), t, p)));
  }

  @SuppressWarnings("unchecked")
  static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @ParameterizedTest(name = "{0} via {2}")
  @MethodSource("throwables")
  void getterThrowing_neverEscapesExtraction(String name, Supplier<Throwable> t, Propagator p) {
    Getter<Object> getter = (c, k) -> throw_(t.get());
    Extracted e = p.extract(new Object(), getter);
    assertThat(e).isNotNull();
    assertThat(e.context()).isNull();
    TraceContext span = Propagation.startServerSpan(new Object(), getter, p);
    assertThat(span).isNotNull();
  }

  @ParameterizedTest(name = "{0} via {2}")
  @MethodSource("throwables")
  void setterThrowing_neverEscapesInjection(String name, Supplier<Throwable> t, Propagator p) {
    Setter<Object> setter = (c, k, v) -> throw_(t.get());
    p.inject(TraceContext.newRoot("r").withSampled(true), new Object(), setter);
    assertThat(Propagation.startClientSpan(new Object(), setter, p)).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throwables")
  void propagatorThrowing_neverEscapesStartServerSpanOrTheComposite(
      String name, Supplier<Throwable> t, Propagator ignored) {
    Propagator broken =
        new Propagator() {
          @Override
          public List<String> fields() {
            return List.of();
          }

          @Override
          public <C> Extracted extract(C carrier, Getter<C> getter) {
            throw sneaky(t.get());
          }

          @Override
          public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
            throw sneaky(t.get());
          }
        };
    assertThat(Propagation.startServerSpan(Map.of(), Carriers.MAP_GETTER, broken)).isNotNull();
    Propagator composite =
        Propagators.composite(List.of(broken, Propagators.w3c()), List.of(broken));
    Map<String, String> h =
        Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(composite.extract(h, Carriers.MAP_GETTER).context()).isNotNull();
    composite.inject(TraceContext.newRoot(), new java.util.HashMap<>(), Carriers.MAP_SETTER);
  }

  @ParameterizedTest(name = "{0} via {2}")
  @MethodSource("throwables")
  void getterThrowingInterruptedException_keepsTheInterruptStatus(
      String name, Supplier<Throwable> t, Propagator p) {
    Getter<Object> getter = (c, k) -> throw_(new InterruptedException("getter"));
    try {
      assertThat(p.extract(new Object(), getter).context()).isNull();
      if (p != Propagators.noop()) {
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      }
    } finally {
      Thread.interrupted();
    }
  }

  private static String throw_(Throwable t) {
    throw sneaky(t);
  }
}
