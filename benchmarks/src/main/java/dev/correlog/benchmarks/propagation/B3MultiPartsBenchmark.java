package dev.correlog.benchmarks.propagation;

import dev.correlog.internal.Hex;
import dev.correlog.internal.propagation.B3Propagator;
import dev.correlog.internal.propagation.HeaderNames;
import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Extracted;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts of {@link B3MultiBenchmark#extract_correlog} and {@link
 * B3MultiBenchmark#extract_correlogRequestMap}, each alone, to say which part is the floor: the
 * five exact lookups any extractor makes on the 3-key map (Brave's and OpenTelemetry's getters do
 * them too), {@code MAP_GETTER.getEach} with the built-in B3 names on the same map, the parse of
 * the ids alone (six {@code Hex.parse8}), B3's whole read of the looked-up values (trims, parse,
 * the 80 B of context), the per-thread scratch the values go in, and, on the 15-key request map, a
 * bare walk over the entries (what a case-insensitive getter cannot avoid) and {@code getEach}.
 * Uses core internals: a benchmark of the pieces, not of the API.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class B3MultiPartsBenchmark {
  static final HeaderNames NAMES = HeaderNames.of(MapLookupBenchmark.B3_NAMES);

  /** As {@code HeaderLookup}'s scratch: a per-thread holder of one 9-slot array. */
  static final ThreadLocal<String[][]> SCRATCH = ThreadLocal.withInitial(() -> new String[1][]);

  final B3MultiBenchmark maps = new B3MultiBenchmark();
  final Map<String, String> incoming = new HashMap<>(maps.incoming);
  final Map<String, String> request = new HashMap<>(maps.request);
  final String[] values = new String[9];
  final String[] looked = {null, Peers.TRACE_ID, Peers.SPAN_ID, null, "1", null};
  final String traceId = Peers.TRACE_ID;
  final String spanId = Peers.SPAN_ID;

  @Benchmark
  public String[] fiveExactLookups() {
    Map<String, String> m = incoming;
    values[0] = m.get("b3");
    values[1] = m.get("X-B3-TraceId");
    values[2] = m.get("X-B3-SpanId");
    values[3] = m.get("X-B3-ParentSpanId");
    values[4] = m.get("X-B3-Sampled");
    return values;
  }

  @Benchmark
  public String[] getEach() {
    Carriers.MAP_GETTER.getEach(incoming, NAMES, values);
    return values;
  }

  @Benchmark
  public long hexIds() {
    String t = traceId;
    String s = spanId;
    return Hex.parse8(t, 0)
        ^ Hex.parse8(t, 8)
        ^ Hex.parse8(t, 16)
        ^ Hex.parse8(t, 24)
        ^ Hex.parse8(s, 0)
        ^ Hex.parse8(s, 8);
  }

  @Benchmark
  public Extracted read() {
    return B3Propagator.MULTI.read(looked, 0);
  }

  @Benchmark
  public String[] scratch() {
    String[][] holder = SCRATCH.get();
    String[] v = holder[0];
    if (v == null) {
      v = new String[9];
    }
    holder[0] = null;
    v[1] = traceId;
    Arrays.fill(v, null);
    holder[0] = v;
    return v;
  }

  @Benchmark
  public int walkRequestMap() {
    int sum = 0;
    for (Map.Entry<String, String> e : request.entrySet()) {
      sum += e.getKey().length();
    }
    return sum;
  }

  @Benchmark
  public String[] getEachRequestMap() {
    Carriers.MAP_GETTER.getEach(request, NAMES, values);
    return values;
  }
}
