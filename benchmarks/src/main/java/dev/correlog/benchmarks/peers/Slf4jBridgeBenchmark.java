package dev.correlog.benchmarks.peers;

import ch.qos.logback.classic.LoggerContext;
import dev.correlog.Correlog;
import dev.correlog.benchmarks.event.DiscardingSink;
import dev.correlog.context.Scope;
import dev.correlog.logback.CorrelogEncoder;
import dev.correlog.slf4j.CorrelogServiceProvider;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.spi.MDCAdapter;

/**
 * The same SLF4J calls through three back ends, in one run: Correlog's SLF4J provider
 * (correlog-slf4j, writing to a discarding sink), Logback with logstash-logback-encoder, and
 * Logback with Correlog's encoder (correlog-logback), both Logback ones through an {@code
 * OutputStreamAppender} to a discarding stream. Calls: classic with two placeholders, fluent with
 * three key-values, and each disabled (DEBUG on an INFO logger).
 *
 * <p>Logback is the bound SLF4J provider of this JVM; the Correlog provider is instantiated
 * directly (its {@code META-INF/services} entry is left out of the benchmark jar), so its loggers
 * run the same code as when SLF4J finds it, without two providers competing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Slf4jBridgeBenchmark {
  static final Long ORDER_ID = 67890L;
  static final Long USER_ID = 12345L;

  /**
   * The amount, boxed once: the fluent rows measure the back end, not the caller's {@code
   * Double.valueOf(99.99)} (24 B on a 64-bit JVM with compressed class pointers, paid by every back
   * end alike); {@link #providerFluentCallerBoxing} keeps that boxing to show it.
   */
  static final Double AMOUNT = 99.99;

  /** A marker with one reference: the line's {@code marker} is {@code "AUDIT,PII"}. */
  static final Marker AUDIT = MarkerFactory.getDetachedMarker("AUDIT");

  static {
    AUDIT.add(MarkerFactory.getDetachedMarker("PII"));
  }

  /** The throwable of the error rows, made once: its stack is the class initialiser's. */
  static final IllegalStateException FAILURE = new IllegalStateException("payment declined");

  /** A message supplier that captures nothing, so the call itself allocates no lambda. */
  static final Supplier<String> PLACED = () -> "order {} placed by user {}";

  /** Correlog's provider over a Correlog at INFO keeping every trace, in the request's scope. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Provider {
    final DiscardingSink sink = new DiscardingSink();
    Correlog correlog;
    Logger log;
    Scope scope;
    MDCAdapter mdc;

    @Setup
    public void setUp() {
      correlog = CorrelogBenchmark.correlog(sink, 1.0);
      Correlog.install(correlog);
      CorrelogServiceProvider provider = new CorrelogServiceProvider();
      provider.initialize();
      log = provider.getLoggerFactory().getLogger(Fixture.LOGGER);
      mdc = provider.getMDCAdapter();
      scope = Fixture.REQUEST.attach();
    }

    @TearDown
    public void tearDown() {
      mdc.clear();
      scope.close();
      Correlog.uninstall();
      correlog.close();
    }
  }

  /** {@link Provider} with two application entries in the provider's MDC (written as fields). */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class ProviderWithMdc extends Provider {
    @Setup
    public void putMdc() {
      mdc.put("tenant", "acme");
      mdc.put("session", "s-42");
    }
  }

  /** Logback + logstash-logback-encoder, ids in the MDC. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Logstash extends LogbackRequestState {
    public Logstash() {
      super(true);
    }

    @Override
    protected LoggerContext context(OutputStream out, boolean dropUnsampled) {
      return LogstashEncoderBenchmark.context(out, dropUnsampled);
    }
  }

  /** Logback + Correlog's encoder, ids in the MDC. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Encoder extends LogbackRequestState {
    public Encoder() {
      super(true);
    }

    @Override
    protected LoggerContext context(OutputStream out, boolean dropUnsampled) {
      return LogbackSetup.context(out, Slf4jBridgeBenchmark::encoder, dropUnsampled);
    }
  }

  static CorrelogEncoder encoder(LoggerContext unused) {
    CorrelogEncoder encoder = new CorrelogEncoder();
    encoder.setService(Fixture.SERVICE);
    encoder.setVersion(Fixture.VERSION);
    return encoder;
  }

  static void classic(Logger log) {
    log.info("order {} placed by user {}", ORDER_ID, USER_ID);
  }

  static void fluent(Logger log) {
    log.atInfo()
        .addKeyValue("event", Fixture.EVENT)
        .addKeyValue("user_id", USER_ID)
        .addKeyValue("amount", AMOUNT)
        .log(Fixture.MESSAGE);
  }

  @Benchmark
  public long providerClassic(Provider s) {
    classic(s.log);
    return s.sink.bytes;
  }

  @Benchmark
  public long providerFluent(Provider s) {
    fluent(s.log);
    return s.sink.bytes;
  }

  /**
   * {@link #providerFluent} as an application usually writes it, {@code addKeyValue("amount",
   * 99.99)}: the difference from {@code providerFluent} is the caller's boxing of the {@code
   * double} (a {@code Double}, 24 B/op), made before any back end sees the call.
   */
  @Benchmark
  public long providerFluentCallerBoxing(Provider s) {
    s.log
        .atInfo()
        .addKeyValue("event", Fixture.EVENT)
        .addKeyValue("user_id", USER_ID)
        .addKeyValue("amount", 99.99)
        .log(Fixture.MESSAGE);
    return s.sink.bytes;
  }

  /** The classic call with two MDC entries (fields {@code tenant} and {@code session}). */
  @Benchmark
  public long providerClassicMdc(ProviderWithMdc s) {
    classic(s.log);
    return s.sink.bytes;
  }

  /** The classic call with a marker that has a reference ({@code "marker":"AUDIT,PII"}). */
  @Benchmark
  public long providerClassicMarker(Provider s) {
    s.log.info(AUDIT, "order {} placed by user {}", ORDER_ID, USER_ID);
    return s.sink.bytes;
  }

  /**
   * The classic call with a throwable as the last argument: the line gets {@code error.type},
   * {@code error.message} and {@code error.stack}; the stack's rendering is the core's.
   */
  @Benchmark
  public long providerClassicThrowable(Provider s) {
    s.log.info("order {} failed", ORDER_ID, FAILURE);
    return s.sink.bytes;
  }

  /** The fluent call through a message supplier, two arguments and a marker with a reference. */
  @Benchmark
  public long providerFluentParts(Provider s) {
    s.log
        .atInfo()
        .addMarker(AUDIT)
        .addArgument(ORDER_ID)
        .addArgument(USER_ID)
        .setMessage(PLACED)
        .log();
    return s.sink.bytes;
  }

  /** The fluent call with {@code setCause}: as {@link #providerClassicThrowable}. */
  @Benchmark
  public long providerFluentCause(Provider s) {
    s.log.atInfo().setCause(FAILURE).log(Fixture.MESSAGE);
    return s.sink.bytes;
  }

  @Benchmark
  public void providerDebugDisabled(Provider s) {
    s.log.debug("order {} placed by user {}", ORDER_ID, USER_ID);
  }

  @Benchmark
  public void providerFluentDisabled(Provider s) {
    s.log.atDebug().addKeyValue("user_id", USER_ID).log(Fixture.MESSAGE);
  }

  @Benchmark
  public long logstashClassic(Logstash s) {
    classic(s.log);
    return s.out.bytes;
  }

  @Benchmark
  public long logstashFluent(Logstash s) {
    fluent(s.log);
    return s.out.bytes;
  }

  /** {@link #providerClassicThrowable} through Logback + logstash-logback-encoder. */
  @Benchmark
  public long logstashClassicThrowable(Logstash s) {
    s.log.info("order {} failed", ORDER_ID, FAILURE);
    return s.out.bytes;
  }

  @Benchmark
  public void logbackDebugDisabled(Logstash s) {
    s.log.debug("order {} placed by user {}", ORDER_ID, USER_ID);
  }

  @Benchmark
  public void logbackFluentDisabled(Logstash s) {
    s.log.atDebug().addKeyValue("user_id", USER_ID).log(Fixture.MESSAGE);
  }

  @Benchmark
  public long encoderClassic(Encoder s) {
    classic(s.log);
    return s.out.bytes;
  }

  @Benchmark
  public long encoderFluent(Encoder s) {
    fluent(s.log);
    return s.out.bytes;
  }
}
