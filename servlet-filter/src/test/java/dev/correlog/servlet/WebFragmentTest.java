package dev.correlog.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.correlog.Correlog;
import dev.correlog.context.TraceContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web application whose {@code WEB-INF/lib} holds a jar with this module's {@code
 * web-fragment.xml}, deployed on a real Jetty {@code WebAppContext}: the filter is active without a
 * line of configuration, and the context-param turns it off.
 */
class WebFragmentTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @TempDir Path war;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void uninstall() {
    Correlog.uninstall();
  }

  @Test
  void addingTheJarActivatesTheFilter() throws Exception {
    try (Lines lines = new Lines("webapp")) {
      Correlog.install(lines.correlog);
      HttpResponse<String> res = deployAndGet("");

      assertThat(res.body()).isEqualTo("current");
      assertThat(res.headers().firstValue("x-request-id")).isPresent();
      JsonNode access = lines.access(TRACE);
      assertThat(access.path("http.route").asText()).isEqualTo("/probe");
    }
  }

  @Test
  void theContextParamTurnsItOff() throws Exception {
    try (Lines lines = new Lines("webapp-off")) {
      Correlog.install(lines.correlog);
      HttpResponse<String> res =
          deployAndGet(
              "<context-param><param-name>dev.correlog.servlet.enabled</param-name>"
                  + "<param-value>false</param-value></context-param>");

      assertThat(res.body()).isEqualTo("none");
      assertThat(res.headers().firstValue("x-request-id")).isEmpty();
      assertThat(lines.all()).isEmpty();
    }
  }

  private HttpResponse<String> deployAndGet(String extraWebXml) throws Exception {
    Path webInf = Files.createDirectories(war.resolve("WEB-INF"));
    Files.writeString(
        webInf.resolve("web.xml"),
        "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
            + extraWebXml
            + "<servlet><servlet-name>probe</servlet-name><servlet-class>"
            + Probe.class.getName()
            + "</servlet-class></servlet>"
            + "<servlet-mapping><servlet-name>probe</servlet-name>"
            + "<url-pattern>/probe</url-pattern></servlet-mapping></web-app>");
    Path lib = Files.createDirectories(webInf.resolve("lib"));
    try (OutputStream out = Files.newOutputStream(lib.resolve("correlog-servlet.jar"));
        JarOutputStream jar = new JarOutputStream(out);
        InputStream fragment =
            CorrelogFilter.class.getResourceAsStream("/META-INF/web-fragment.xml")) {
      jar.putNextEntry(new JarEntry("META-INF/web-fragment.xml"));
      fragment.transferTo(jar);
      jar.closeEntry();
    }
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    WebAppContext webapp = new WebAppContext(war.toString(), "/");
    webapp.setParentLoaderPriority(true); // the filter and servlet classes of the test class path
    server.setHandler(webapp);
    server.start();
    try {
      return client.send(
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/probe"))
              .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } finally {
      server.stop();
    }
  }

  /** Says whether a context is current. */
  public static final class Probe extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.getWriter().write(TraceContext.current() == null ? "none" : "current");
    }
  }
}
