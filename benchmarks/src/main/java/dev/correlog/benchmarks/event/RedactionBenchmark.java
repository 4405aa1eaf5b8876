package dev.correlog.benchmarks.event;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.Redaction;
import dev.correlog.context.TraceContext;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of redaction by value: {@link EmitBenchmark}'s ten-field event (four strings and a
 * message, nothing to redact) with no redaction, the built-in detectors, and the built-ins plus one
 * configured regex; then one line whose message holds a card number and a bearer token.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedactionBenchmark {
  @Param({"none", "builtins", "builtins_and_regex"})
  public String redaction;

  private Correlog correlog;
  private EventLogger log;
  private dev.correlog.context.Scope scope;
  private final DiscardingSink sink = new DiscardingSink();

  @Setup
  public void setUp() {
    Redaction r =
        switch (redaction) {
          case "none" -> Redaction.none();
          case "builtins" -> Redaction.defaults();
          default ->
              Redaction.builder()
                  .cardNumbers()
                  .bearerTokens()
                  .jwts()
                  .pattern("(?i)api[_-]?key=\\w+")
                  .build();
        };
    correlog =
        Correlog.builder()
            .service("order-service")
            .version("1.4.2")
            .sink(sink)
            .redactValues(r)
            .build();
    log = correlog.logger("com.acme.Orders");
    scope = TraceContext.newRoot("req-789").withSampled(true).newChild().attach();
  }

  @TearDown
  public void tearDown() {
    scope.close();
  }

  @Benchmark
  public long tenFieldsNothingToRedact() {
    log.info("order.placed")
        .field("user_id", 12345L)
        .field("order_id", 67890L)
        .field("amount", 99.99)
        .field("currency", "EUR")
        .field("country", "FR")
        .field("express", true)
        .field("items", 3)
        .field("discount", 0.15)
        .field("channel", "web")
        .field("coupon", "SPRING25")
        .message("order placed")
        .emit();
    return sink.bytes;
  }

  @Benchmark
  public long messageWithSecrets() {
    log.info("payment.failed")
        .field("user_id", 12345L)
        .message("charge of 4111 1111 1111 1111 refused for Bearer abc123DEF456ghi789")
        .emit();
    return sink.bytes;
  }
}
