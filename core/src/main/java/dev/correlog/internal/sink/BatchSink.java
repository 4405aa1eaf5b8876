package dev.correlog.internal.sink;

import dev.correlog.sink.Sink;
import java.io.IOException;

/**
 * A sink that can take many contiguous lines in one call, so that the asynchronous writer hands a
 * whole batch to the operating system in one write. Implemented by the sinks Correlog provides.
 */
public interface BatchSink extends Sink {
  /**
   * Takes {@code lines} complete lines stored back to back in {@code buf} from {@code offset}, each
   * ending in {@code '\n'}, {@code length} bytes in all. The bytes are reused after return.
   */
  void writeBatch(byte[] buf, int offset, int length, int lines) throws IOException;
}
