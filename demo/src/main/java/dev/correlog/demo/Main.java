package dev.correlog.demo;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.schema.EventSchema;

/**
 * The example program the README runs: one request's worth of events on standard output, one JSON
 * line each, all with the same {@code trace_id} and {@code request_id}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Correlog correlog =
        Correlog.builder()
            .service("order-service")
            .version("1.4.2")
            .environment("demo")
            .schema(
                EventSchema.named("order.placed")
                    .requiredLong("user_id")
                    .requiredLong("order_id")
                    .requiredDouble("amount")
                    .sensitive("card_number"))
            .build();
    EventLogger log = correlog.logger(Main.class);

    log.info("app.started").message("demo starting").emit();
    TraceContext request = TraceContext.newRoot("req-789").withSampled(true);
    try (Scope scope = request.attach()) {
      log.info("order.placed")
          .field("user_id", 12345)
          .field("order_id", 67890)
          .field("amount", 99.99)
          .field("card_number", "4111 1111 1111 1111")
          .message("order placed")
          .emit();
      TraceContext payment = request.newChild();
      try (Scope child = payment.attach()) {
        log.warn("payment.retried").field("attempt", 2).message("card network slow").emit();
        log.error("payment.failed")
            .error(
                new IllegalStateException("card declined", new RuntimeException("issuer said no")))
            .emit();
      }
    }
    correlog.close();
  }
}
