package dev.correlog.benchmarks.peers;

import java.io.OutputStream;

/**
 * Takes bytes and keeps only a running checksum, so the JIT cannot drop the work: the peers'
 * counterpart of {@link dev.correlog.benchmarks.event.DiscardingSink}.
 */
final class DiscardingOutputStream extends OutputStream {
  long bytes;

  @Override
  public void write(int b) {
    bytes += 1 + b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    bytes += len + (len > 0 ? b[off + len - 1] : 0);
  }
}
