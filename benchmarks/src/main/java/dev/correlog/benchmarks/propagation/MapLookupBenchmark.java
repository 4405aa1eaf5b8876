package dev.correlog.benchmarks.propagation;

import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Propagators;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Carriers.MAP_GETTER} looking up the six B3 names at once ({@code Getter.getEach}) in a
 * request's header map of {@code size} entries (the three {@code X-B3-*} headers a B3 multi caller
 * sends, then the headers of a browser's request, then {@code x-custom-N}), against {@link
 * LookupsThenScan}, the lookup it replaced. {@code lower}: every name lowercase, as HTTP/2 sends
 * them. {@link #extract} is the whole B3 multi extraction on the same map.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MapLookupBenchmark {
  static final List<String> B3_NAMES =
      List.of(
          "b3", "X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags");

  /** What a browser or an API client typically sends, beside the propagation headers. */
  static final List<String> REQUEST_HEADERS =
      List.of(
          "Host",
          "User-Agent",
          "Accept",
          "Accept-Encoding",
          "Accept-Language",
          "Connection",
          "Content-Type",
          "Content-Length",
          "Authorization",
          "Cookie",
          "X-Forwarded-For",
          "X-Forwarded-Proto",
          "X-Real-IP",
          "Cache-Control",
          "Origin",
          "Referer",
          "Sec-Fetch-Mode",
          "Sec-Fetch-Site",
          "Sec-Fetch-Dest",
          "Upgrade-Insecure-Requests");

  @Param({"3", "10", "15", "30", "100"})
  int size;

  @Param({"false", "true"})
  boolean lower;

  final Propagator b3Multi = Propagators.b3Multi();
  final String[] values = new String[B3_NAMES.size()];
  Map<String, String> headers;

  @Setup
  public void setUp() {
    headers = new HashMap<>();
    put("X-B3-TraceId", Peers.TRACE_ID);
    put("X-B3-SpanId", Peers.SPAN_ID);
    put("X-B3-Sampled", "1");
    for (int i = 0; headers.size() < size; i++) {
      put(i < REQUEST_HEADERS.size() ? REQUEST_HEADERS.get(i) : "X-Custom-" + i, "value " + i);
    }
  }

  private void put(String name, String value) {
    headers.put(lower ? name.toLowerCase(Locale.ROOT) : name, value);
  }

  @Benchmark
  public String[] mapGetter() {
    Carriers.MAP_GETTER.getEach(headers, B3_NAMES, values);
    return values;
  }

  @Benchmark
  public String[] lookupsThenScan() {
    LookupsThenScan.getEach(headers, B3_NAMES, values);
    return values;
  }

  @Benchmark
  public Extracted extract() {
    return b3Multi.extract(headers, Carriers.MAP_GETTER);
  }
}
