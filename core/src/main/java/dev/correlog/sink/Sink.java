package dev.correlog.sink;

import dev.correlog.Level;
import java.io.IOException;

/**
 * Where finished lines go. A line is complete UTF-8 JSON ending in {@code '\n'}; the bytes belong
 * to the caller and are reused after {@code write} returns, so a sink that keeps them must copy.
 *
 * <p>A sink may throw: Correlog catches it, counts a sink failure, reports it once on stderr, and
 * keeps logging (WARN and ERROR lines that a sink failed to take are copied to stderr). A sink
 * should recover by itself when its target does (reopen a file, for example).
 *
 * <p>Sinks are called from many threads at once unless documented otherwise.
 */
public interface Sink extends AutoCloseable {
  /** Takes one line of {@code length} bytes from {@code offset}, including the final newline. */
  void write(Level level, byte[] line, int offset, int length) throws IOException;

  /** Pushes buffered lines to their destination. */
  default void flush() throws IOException {}

  /** Flushes and releases the destination. Further writes may fail. */
  @Override
  default void close() throws IOException {}
}
