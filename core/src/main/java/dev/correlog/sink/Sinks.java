package dev.correlog.sink;

import dev.correlog.internal.sink.StreamSink;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;

/**
 * The sinks Correlog provides.
 *
 * <pre>{@code
 * Sink sink = Sinks.async(Sinks.stdout());                      // containers
 * Sink file = Sinks.async(Sinks.file(Path.of("logs/app.log"), 100 << 20, 5));
 * InMemorySink captured = Sinks.inMemory();                     // tests
 * }</pre>
 */
public final class Sinks {
  private Sinks() {}

  /**
   * Standard output, written through its file descriptor, not {@code System.out}: one write call
   * per line, under one lock, so a line is never interleaved with another line of this sink, and it
   * reaches the operating system before {@code write} returns (container logs appear at once).
   * Lines printed through {@code System.out} by other code are not covered by that lock. Wrap it in
   * {@link #async(Sink)} to carry many lines per write call. The same instance every time; closing
   * it does not close standard output.
   */
  public static Sink stdout() {
    return Std.OUT;
  }

  /** Standard error, written like {@link #stdout()}. */
  public static Sink stderr() {
    return Std.ERR;
  }

  /** Appends to {@code path}, without rotation. See {@link FileSink}. */
  public static FileSink file(Path path) {
    return FileSink.builder(path).build();
  }

  /**
   * Appends to {@code path}, rotating before it would pass {@code maxBytes} and keeping at most
   * {@code maxFiles} rotated files ({@code path.1} the newest). See {@link FileSink}.
   */
  public static FileSink file(Path path, long maxBytes, int maxFiles) {
    return FileSink.builder(path).maxBytes(maxBytes).maxFiles(maxFiles).build();
  }

  /** Keeps lines in memory, for tests. */
  public static InMemorySink inMemory() {
    return new InMemorySink();
  }

  /** Writes nothing and counts lines, for benchmarks. */
  public static DiscardingSink discarding() {
    return new DiscardingSink();
  }

  /**
   * Writes to {@code delegate} from a background thread, with the defaults of {@link AsyncSink}.
   */
  public static AsyncSink async(Sink delegate) {
    return AsyncSink.builder(delegate).build();
  }

  private static final class Std {
    static final Sink OUT = new StreamSink(new FileOutputStream(FileDescriptor.out), "stdout");
    static final Sink ERR = new StreamSink(new FileOutputStream(FileDescriptor.err), "stderr");
  }
}
