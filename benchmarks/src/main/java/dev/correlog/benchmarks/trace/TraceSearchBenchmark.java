package dev.correlog.benchmarks.trace;

import dev.correlog.trace.Inputs;
import dev.correlog.trace.Trace;
import dev.correlog.trace.TraceQuery;
import dev.correlog.trace.TraceViewer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A {@code --trace} search over a generated NDJSON file of {@code mb} megabytes (one thread, from
 * the page cache): ms per search; MB/s is {@code mb * 1000 / score}. {@code
 * benchmarks/trace-search} runs it at 128 MB on one core, next to {@code grep} + {@code jq} on the
 * same file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TraceSearchBenchmark {
  /** File size in MB (the smoke run in {@code mvn verify} uses the small default). */
  @Param("8")
  public int mb;

  /** Directory to keep the file in between runs; empty: a temporary file. */
  @Param("")
  public String dir;

  private Path file;
  private TraceQuery query;

  @Setup
  public void generate() throws IOException {
    file =
        dir.isEmpty()
            ? Files.createTempFile("trace-search-", ".ndjson")
            : Path.of(dir, "trace-search-" + mb + "MB.ndjson");
    if (dir.isEmpty()) {
      file.toFile().deleteOnExit();
      Path.of(file + ".id").toFile().deleteOnExit();
    }
    query = TraceQuery.trace(TraceFileGenerator.ensure(file, mb));
  }

  @Benchmark
  public Trace search() throws IOException {
    Trace trace = TraceViewer.find(query, Inputs.files(file));
    if (trace.spans().size() != 5) {
      throw new IllegalStateException("expected 5 spans, found " + trace.spans().size());
    }
    return trace;
  }
}
