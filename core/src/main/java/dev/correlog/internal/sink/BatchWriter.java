package dev.correlog.internal.sink;

import java.io.IOException;

/** Writes many complete lines in one call; how the asynchronous writer reaches a batch method. */
@FunctionalInterface
public interface BatchWriter {
  /**
   * Takes {@code lines} complete lines stored back to back in {@code buf} from {@code offset}, each
   * ending in {@code '\n'}, {@code length} bytes in all. The bytes are reused after return. When it
   * throws, none of the lines may be assumed written.
   */
  void writeBatch(byte[] buf, int offset, int length, int lines) throws IOException;
}
