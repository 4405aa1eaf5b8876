package dev.correlog.sink;

import dev.correlog.Level;
import java.io.IOException;

/**
 * Where finished lines go. A line is complete UTF-8 JSON ending in {@code '\n'}; the bytes belong
 * to the caller and are reused after {@code write} returns, so a sink that keeps them must copy.
 *
 * <p>A sink may throw anything, an {@code Error} included: Correlog catches it, counts a sink
 * failure, reports it on stderr (rate-limited), and keeps logging; WARN and ERROR lines that a sink
 * failed to take are copied to stderr. Only a {@link ThreadDeath} is rethrown, after that. A sink
 * should recover by itself when its target does (reopen a file, for example).
 *
 * <p>Sinks are called from many threads at once unless documented otherwise.
 */
public interface Sink extends AutoCloseable {
  /** Takes one line of {@code length} bytes from {@code offset}, including the final newline. */
  void write(Level level, byte[] line, int offset, int length) throws IOException;

  /**
   * Takes the line like {@link #write}, or discards it by the sink's own policy and returns false
   * (an {@link AsyncSink} whose queue is full drops a line below WARN). Correlog calls this method:
   * its {@code emitted} counter counts the lines for which it returned true, its {@code dropped}
   * counter the others. The default writes and returns true.
   */
  default boolean offer(Level level, byte[] line, int offset, int length) throws IOException {
    write(level, line, offset, length);
    return true;
  }

  /**
   * Whether this sink takes a line of {@code level} right now: false when {@link #offer} would
   * discard it by the sink's own policy at this moment (an {@link AsyncSink} whose queue is full,
   * for a line below WARN). Correlog asks once per line below WARN that sampling kept, before
   * anything of the line is encoded (field values included); on false it encodes nothing, does not
   * call {@code offer}, and counts the line in its {@code dropped} counter exactly as a line {@code
   * offer} returned false for. It never asks for WARN and ERROR lines, which are always offered.
   *
   * <p>A false answer is therefore the sink's decision to drop that line: a sink that counts its
   * drops counts it ({@link AsyncSink} does, in {@link AsyncSink#dropped()} and its drop reports).
   * The answer must be cheap (a field read or two, no lock, no I/O) and may be racy: a true answer
   * can still be followed by an {@code offer} that drops. A sink that wraps one other sink returns
   * its delegate's answer for the lines it would pass on; one that writes to several returns false
   * only when none of them takes the line. Whatever this method throws is treated as true. The
   * default returns true.
   */
  default boolean accepting(Level level) {
    return true;
  }

  /** Pushes buffered lines to their destination. */
  default void flush() throws IOException {}

  /** Flushes and releases the destination. Further writes may fail. */
  @Override
  default void close() throws IOException {}
}
