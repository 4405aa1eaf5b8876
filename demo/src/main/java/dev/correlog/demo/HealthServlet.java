package dev.correlog.demo;

import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /health}: a load balancer's probe, frequent and dull, kept at 1%. */
final class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient EventLogger log;

  HealthServlet(Correlog correlog) {
    this.log = correlog.logger(Services.HEALTH_LOGGER);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    log.info("health.check").field("status", "up").emit();
    resp.setContentType("application/json");
    resp.getWriter().write("{\"status\":\"up\"}");
  }
}
