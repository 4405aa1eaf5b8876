package dev.correlog.demo;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|POST /api/orders?sku=A-1&qty=2[&delay_ms=700]}: reserves stock through inventory.
 * Written as existing application code is, against SLF4J only; the filter has made the request's
 * context current, so these lines carry its trace id and request id.
 */
final class OrdersServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger("com.acme.gateway.OrdersController");

  private final transient Channel inventory;

  OrdersServlet(Channel inventory) {
    this.inventory = inventory;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    doPost(req, resp);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String sku = req.getParameter("sku");
    if (sku == null || !sku.matches("[A-Za-z0-9-]{1,32}")) {
      log.warn("rejected an order with sku {}", sku);
      send(resp, 400, "{\"error\":\"sku must be 1 to 32 letters, digits or dashes\"}");
      return;
    }
    Order order =
        new Order(
            sku,
            Math.max(1, Order.number(req.getParameter("qty"), 1)),
            Order.number(req.getParameter("delay_ms"), 0));
    log.atInfo()
        .addKeyValue("event", "order.received")
        .addKeyValue("sku", order.sku())
        .addKeyValue("qty", order.qty())
        .log("order received");
    try {
      String reply =
          ClientCalls.blockingUnaryCall(
              inventory,
              Inventory.RESERVE,
              CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
              order.encode());
      log.info("inventory answered: {}", reply);
      send(resp, 200, "{\"status\":\"reserved\",\"sku\":\"" + order.sku() + "\"}");
    } catch (StatusRuntimeException e) {
      log.atError()
          .addKeyValue("event", "order.failed")
          .addKeyValue("sku", order.sku())
          .setCause(e)
          .log("could not reserve stock for {}", order.sku());
      send(resp, 502, "{\"error\":\"inventory unavailable\",\"sku\":\"" + order.sku() + "\"}");
    }
  }

  private static void send(HttpServletResponse resp, int status, String json) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.getWriter().write(json);
  }
}
