package dev.correlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.correlog.Correlog;
import dev.correlog.EventLogger;
import dev.correlog.Level;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaMode;
import dev.correlog.sink.Sink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives each test a fresh {@link Correlog} writing into memory, installed
 * as the process-wide instance for the test's duration, and the events it wrote.
 *
 * <pre>{@code
 * @RegisterExtension final CorrelogCapture capture = CorrelogCapture.create();
 *
 * @Test void placesOrder() {
 *   capture.logger(Orders.class).info("order.placed").field("user_id", 12345).emit();
 *   assertThat(capture).hasEvent("order.placed").withField("user_id", 12345L);
 * }
 * }</pre>
 *
 * Schema mode is {@link SchemaMode#STRICT} by default, so a schema violation fails the test; every
 * captured line is checked to be one line of JSON and is validated against the instance's exported
 * JSON Schema with a real validator.
 */
public final class CorrelogCapture implements BeforeEachCallback, AfterEachCallback {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Consumer<Correlog.Builder> customizer;
  private final boolean installGlobal;
  private final List<String> lines = new ArrayList<>();
  private Correlog correlog;
  private JsonSchema schema;

  private CorrelogCapture(Consumer<Correlog.Builder> customizer, boolean installGlobal) {
    this.customizer = customizer;
    this.installGlobal = installGlobal;
  }

  /** Service {@code test-service}, version {@code test}, strict schemas, level TRACE. */
  public static CorrelogCapture create() {
    return new CorrelogCapture(b -> {}, true);
  }

  /** As {@link #create()}, then {@code customizer} adjusts the builder (schemas, mode, level). */
  public static CorrelogCapture create(Consumer<Correlog.Builder> customizer) {
    return new CorrelogCapture(customizer, true);
  }

  /** As {@link #create(Consumer)}, without installing the instance as {@link Correlog#global()}. */
  public static CorrelogCapture local(Consumer<Correlog.Builder> customizer) {
    return new CorrelogCapture(customizer, false);
  }

  /** Convenience: a capture whose instance declares {@code schemas}. */
  public static CorrelogCapture withSchemas(EventSchema... schemas) {
    return create(b -> b.schema(schemas));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stop();
  }

  /** Starts capturing (called by JUnit; call it yourself outside JUnit). */
  public void start() {
    synchronized (lines) {
      lines.clear();
    }
    Correlog.Builder b =
        Correlog.builder()
            .service("test-service")
            .version("test")
            .schemaMode(SchemaMode.STRICT)
            .level(Level.TRACE)
            .sink(new CaptureSink());
    customizer.accept(b);
    correlog = b.build();
    schema = null;
    if (installGlobal) {
      Correlog.install(correlog);
    }
  }

  /** Stops capturing and uninstalls the global instance. */
  public void stop() {
    if (installGlobal) {
      Correlog.uninstall();
    }
  }

  public Correlog correlog() {
    if (correlog == null) {
      throw new IllegalStateException(
          "CorrelogCapture is not started: register it with @RegisterExtension");
    }
    return correlog;
  }

  public EventLogger logger(Class<?> type) {
    return correlog().logger(type);
  }

  public EventLogger logger(String name) {
    return correlog().logger(name);
  }

  /** The raw lines captured so far, without newlines. */
  public List<String> lines() {
    synchronized (lines) {
      return new ArrayList<>(lines);
    }
  }

  /**
   * The captured events, parsed and validated.
   *
   * @throws AssertionError when a line is not one line of valid JSON or breaks the JSON Schema
   */
  public List<CapturedEvent> events() {
    JsonSchema s = schema();
    List<CapturedEvent> out = new ArrayList<>();
    for (String raw : lines()) {
      if (raw.indexOf('\n') >= 0 || raw.endsWith(" [no final newline]")) {
        throw new AssertionError("captured output is not one line per event: " + raw);
      }
      JsonNode node;
      try {
        node = JSON.readTree(raw);
      } catch (Exception e) {
        throw new AssertionError("captured line is not valid JSON: " + raw, e);
      }
      Set<ValidationMessage> errors = s.validate(node);
      if (!errors.isEmpty()) {
        throw new AssertionError(
            "captured line breaks the exported JSON Schema " + errors + ": " + raw);
      }
      out.add(new CapturedEvent(raw, node));
    }
    return out;
  }

  /** Forgets what was captured so far. */
  public void clear() {
    synchronized (lines) {
      lines.clear();
    }
  }

  private JsonSchema schema() {
    JsonSchema s = schema;
    if (s == null) {
      QuietSlf4j.beforeFirstUse();
      s =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(correlog().toJsonSchema());
      schema = s;
    }
    return s;
  }

  private final class CaptureSink implements Sink {
    @Override
    public void write(Level level, byte[] line, int offset, int length) {
      // Kept as written; events() fails on a line that is not exactly one line.
      String s = new String(line, offset, length, StandardCharsets.UTF_8);
      synchronized (lines) {
        lines.add(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s + " [no final newline]");
      }
    }
  }
}
