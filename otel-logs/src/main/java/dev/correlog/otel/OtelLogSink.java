package dev.correlog.otel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.correlog.Level;
import dev.correlog.sink.Sink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Correlog {@link Sink} that hands each event to the OpenTelemetry Logs API / SDK ({@link
 * LoggerProvider}), so its batching, retries and OTLP exporters carry Correlog events to a
 * Collector. Each line becomes one log record:
 *
 * <ul>
 *   <li>timestamp: the line's {@code timestamp} (microseconds); severity: the level ({@code TRACE}
 *       to {@code ERROR}) and its name as severity text;
 *   <li>body: {@code message}, or the event name when the line has none; event name: {@code event}
 *       (also the attribute {@code event.name});
 *   <li>context: {@code trace_id} and {@code span_id}, with trace flags {@code 00} (not sampled)
 *       when the line says {@code "trace_sampled":false} (a line of a trace head sampling did not
 *       sample, kept by its level, a rule or error flush), else {@code 01} (sampled);
 *   <li>instrumentation scope: the line's {@code logger} ({@code correlog} when absent; at most
 *       {@value LineRecord#MAX_SCOPES} distinct scopes, then {@code correlog});
 *   <li>attributes, typed as written: strings, integers ({@code long}), numbers ({@code double}),
 *       booleans, arrays of strings; nested objects flattened with dots ({@code address.city});
 *       {@code thread} as {@code thread.name}, {@code error} as {@code exception.type}/{@code
 *       exception.message}/{@code exception.stacktrace}; {@code request_id}, {@code
 *       parent_span_id}, {@code sample_rate} and the user fields under their own names.
 *   <li>{@code service}, {@code version} and {@code environment} are the resource's: build the SDK
 *       provider with {@link #resource(String, String, String)}.
 * </ul>
 *
 * <p>A line that is not one JSON object throws {@link IOException} from {@link #write}: Correlog
 * counts it as a sink failure; it never reaches the application. The provider belongs to the
 * caller: {@link #flush()} force-flushes an {@link SdkLoggerProvider}, {@link #close()} flushes but
 * does not shut it down.
 *
 * <pre>{@code
 * SdkLoggerProvider provider = SdkLoggerProvider.builder()
 *     .setResource(OtelLogSink.resource("order-service", "1.4.2", "prod"))
 *     .addLogRecordProcessor(BatchLogRecordProcessor.builder(
 *         OtlpHttpLogRecordExporter.builder().build()).build())
 *     .build();
 * Correlog correlog = Correlog.builder().service("order-service").version("1.4.2")
 *     .environment("prod").sink(OtelLogSink.create(provider)).build();
 * }</pre>
 */
public final class OtelLogSink implements Sink {
  private static final JsonFactory JSON = new JsonFactory();

  private final LoggerProvider provider;
  private final LineRecord records;

  private OtelLogSink(LoggerProvider provider) {
    this.provider = provider;
    this.records = new LineRecord(provider);
  }

  /** A sink emitting into {@code provider} (an SDK provider, or any API implementation). */
  public static OtelLogSink create(LoggerProvider provider) {
    return new OtelLogSink(Objects.requireNonNull(provider, "provider"));
  }

  /**
   * The default resource with {@code service.name}, {@code service.version} and {@code
   * deployment.environment.name} (each skipped when null), for {@code
   * SdkLoggerProvider.builder().setResource(..)}.
   */
  public static Resource resource(String service, String version, String environment) {
    var b = Attributes.builder();
    if (service != null) {
      b.put(AttributeKey.stringKey("service.name"), service);
    }
    if (version != null) {
      b.put(AttributeKey.stringKey("service.version"), version);
    }
    if (environment != null) {
      b.put(AttributeKey.stringKey("deployment.environment.name"), environment);
    }
    return Resource.getDefault().merge(Resource.create(b.build()));
  }

  /** The OpenTelemetry severity of a Correlog level. */
  public static Severity severity(Level level) {
    return switch (level == null ? Level.INFO : level) {
      case TRACE -> Severity.TRACE;
      case DEBUG -> Severity.DEBUG;
      case INFO -> Severity.INFO;
      case WARN -> Severity.WARN;
      case ERROR -> Severity.ERROR;
    };
  }

  @Override
  public void write(Level level, byte[] line, int offset, int length) throws IOException {
    try (JsonParser p = JSON.createParser(line, offset, length)) {
      records.emit(level, p);
    }
  }

  @Override
  public void flush() {
    if (provider instanceof SdkLoggerProvider sdk) {
      sdk.forceFlush().join(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    flush();
  }
}
