package dev.correlog.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.Level;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Edge cases of reading a line into a record, through the real SDK (simple processor). */
class OtelLogSinkTest {
  private final List<LogRecordData> records = new CopyOnWriteArrayList<>();
  private final SdkLoggerProvider provider =
      SdkLoggerProvider.builder()
          .addLogRecordProcessor(
              SimpleLogRecordProcessor.create(
                  new LogRecordExporter() {
                    @Override
                    public CompletableResultCode export(Collection<LogRecordData> logs) {
                      records.addAll(logs);
                      return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode flush() {
                      return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode shutdown() {
                      return CompletableResultCode.ofSuccess();
                    }
                  }))
          .build();
  private final OtelLogSink sink = OtelLogSink.create(provider);

  private void write(Level level, String line) throws IOException {
    byte[] b = ("xx" + line + "\n").getBytes(StandardCharsets.UTF_8);
    sink.write(level, b, 2, b.length - 2);
  }

  @Test
  void aLineThatIsNotAnObjectThrowsAndEmitsNothing() {
    assertThatThrownBy(() -> write(Level.INFO, "[1,2]")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> write(Level.INFO, "{\"a\":")).isInstanceOf(IOException.class);
    assertThat(records).isEmpty();
  }

  @Test
  void keepsTypesAndNeverInventsValues() throws IOException {
    write(
        Level.WARN,
        "{\"timestamp\":\"not a time\",\"trace_id\":\"00000000000000000000000000000000\","
            + "\"span_id\":\"00f067aa0ba902b7\",\"big\":123456789012345678901234567890,"
            + "\"none\":null,\"schema_errors\":[\"a\",\"b\"],\"deep\":{\"x\":{\"y\":1.5}}}");
    LogRecordData r = records.get(0);
    assertThat(r.getSeverity()).isEqualTo(io.opentelemetry.api.logs.Severity.WARN);
    assertThat(r.getSpanContext().isValid()).isFalse(); // an all-zero trace id is no context
    assertThat(r.getTimestampEpochNanos()).isZero(); // an invalid time is not set
    assertThat(r.getAttributes().get(AttributeKey.stringKey("big")))
        .isEqualTo("123456789012345678901234567890");
    assertThat(r.getAttributes().asMap()).doesNotContainKey(AttributeKey.stringKey("none"));
    assertThat(r.getAttributes().get(AttributeKey.stringArrayKey("schema_errors")))
        .containsExactly("a", "b");
    assertThat(r.getAttributes().get(AttributeKey.doubleKey("deep.x.y"))).isEqualTo(1.5);
    assertThat(r.getBodyValue().asString()).isEmpty();
    assertThat(r.getInstrumentationScopeInfo().getName()).isEqualTo("correlog");
  }

  @Test
  void traceFlags_areSampledUnlessTheLineSaysOtherwise() throws IOException {
    String ids =
        "{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\"";
    write(Level.INFO, ids + "}");
    write(Level.WARN, ids + ",\"trace_sampled\":false,\"sampled_by\":\"error_flush\"}");
    write(Level.WARN, ids + ",\"trace_sampled\":true}");
    write(Level.WARN, ids + ",\"trace_sampled\":{\"x\":false},\"after\":1}");
    assertThat(records)
        .extracting(r -> r.getSpanContext().getTraceFlags().asHex())
        .containsExactly("01", "00", "01", "01");
    assertThat(records.get(1).getSpanContext().getTraceId())
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(records.get(1).getAttributes().get(AttributeKey.stringKey("sampled_by")))
        .isEqualTo("error_flush");
    assertThat(records.get(3).getAttributes().get(AttributeKey.longKey("after"))).isEqualTo(1L);
    assertThat(records)
        .allSatisfy(
            r ->
                assertThat(r.getAttributes().asMap())
                    .doesNotContainKey(AttributeKey.booleanKey("trace_sampled")));
  }

  @Test
  void readsCorrelogTimestampsAsInstantDoes() {
    for (String t :
        new String[] {
          "2026-11-22T04:02:26.405656Z",
          "1970-01-01T00:00:00.000000Z",
          "1969-12-31T23:59:59.999999Z",
          "2024-02-29T12:00:00.000001Z",
          "0001-01-01T00:00:00.000000Z",
          "9999-12-31T23:59:59.999999Z"
        }) {
      java.time.Instant i = java.time.Instant.parse(t);
      assertThat(LineRecord.correlogMicros(t))
          .as(t)
          .isEqualTo(i.getEpochSecond() * 1_000_000L + i.getNano() / 1000);
    }
    for (String bad :
        new String[] {
          "2023-02-29T12:00:00.000000Z",
          "2026-13-01T00:00:00.000000Z",
          "2026-11-22T04:02:26.40565xZ",
          "2026-11-22 04:02:26.405656Z"
        }) {
      assertThat(LineRecord.correlogMicros(bad)).as(bad).isEqualTo(Long.MIN_VALUE);
      assertThat(LineRecord.micros(bad)).as(bad).isEqualTo(Long.MIN_VALUE);
    }
    // Other forms go through Instant.parse, which takes 24:00 as the end of the day.
    assertThat(LineRecord.correlogMicros("2026-11-22T24:00:00.000000Z")).isEqualTo(Long.MIN_VALUE);
    assertThat(LineRecord.micros("2026-11-22T24:00:00.000000Z")).isEqualTo(1795392000000000L);
    assertThat(LineRecord.micros("2026-11-22T04:02:26Z")).isEqualTo(1795320146000000L);
  }
}
