import dev.correlog.Correlog;
import dev.correlog.EventLogger;

public class Orders {
  public static void main(String[] args) {
    Correlog correlog = Correlog.builder().service("order-service").version("1.4.2").build();
    EventLogger log = correlog.logger(Orders.class);
    log.info("order.placed")
        .field("user_id", 12345)
        .field("amount", 99.99)
        .message("order placed")
        .emit();
    correlog.close();
  }
}
