package dev.correlog.internal;

import dev.correlog.Level;
import dev.correlog.context.TraceContext;
import dev.correlog.sampling.ErrorFlush;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The per-request buffers of {@link ErrorFlush}, keyed by trace id. */
final class RequestBuffers {
  private record Key(long high, long low) {}

  private static final class Buffer {
    final List<byte[]> lines = new ArrayList<>();
    final List<Level> levels = new ArrayList<>();
    final long created = System.nanoTime();
    int bytes;
    boolean closed;
  }

  private final ErrorFlush limits;
  private final SinkGuard sink;
  private final Metrics metrics;
  private final ConcurrentHashMap<Key, Buffer> buffers = new ConcurrentHashMap<>();
  private final AtomicLong totalBytes = new AtomicLong();
  final LongAdder overflow = new LongAdder();
  final LongAdder flushed = new LongAdder();

  RequestBuffers(ErrorFlush limits, SinkGuard sink, Metrics metrics) {
    this.limits = limits;
    this.sink = sink;
    this.metrics = metrics;
  }

  private static Key key(TraceContext ctx) {
    return new Key(ctx.traceIdHigh(), ctx.traceIdLow());
  }

  /** Holds a copy of a dropped line of the request {@code ctx} belongs to, within the bounds. */
  void hold(TraceContext ctx, Level level, byte[] line, int off, int len) {
    if (buffers.size() > SWEEP_AT) {
      sweep();
    }
    Buffer b = buffers.computeIfAbsent(key(ctx), k -> new Buffer());
    synchronized (b) {
      if (b.closed
          || b.lines.size() >= limits.maxLinesPerRequest()
          || b.bytes + len > limits.maxBytesPerRequest()) {
        overflow.increment();
        return;
      }
      if (totalBytes.addAndGet(len) > limits.maxTotalBytes()) {
        totalBytes.addAndGet(-len);
        overflow.increment();
        return;
      }
      b.lines.add(java.util.Arrays.copyOfRange(line, off, off + len));
      b.levels.add(level);
      b.bytes += len;
    }
  }

  /** Writes the request's held lines, in order, and forgets them. */
  void flush(TraceContext ctx) {
    Buffer b = buffers.remove(key(ctx));
    if (b == null) {
      return;
    }
    synchronized (b) {
      b.closed = true;
      for (int i = 0; i < b.lines.size(); i++) {
        byte[] line = b.lines.get(i);
        if (sink.write(b.levels.get(i), line, 0, line.length)) {
          metrics.emitted.increment();
          flushed.increment();
        }
      }
      totalBytes.addAndGet(-b.bytes);
    }
  }

  /** The request ended without an error: drop what it held. */
  void discard(TraceContext ctx) {
    Buffer b = buffers.remove(key(ctx));
    if (b != null) {
      synchronized (b) {
        b.closed = true;
        totalBytes.addAndGet(-b.bytes);
      }
    }
  }

  /** Past this many requests held, buffers older than a minute are dropped (abandoned requests). */
  private static final int SWEEP_AT = 4096;

  private void sweep() {
    long cutoff = System.nanoTime() - 60_000_000_000L;
    for (var e : buffers.entrySet()) {
      if (e.getValue().created - cutoff < 0 && buffers.remove(e.getKey(), e.getValue())) {
        synchronized (e.getValue()) {
          e.getValue().closed = true;
          totalBytes.addAndGet(-e.getValue().bytes);
        }
      }
    }
  }

  /** Requests holding lines now (tests). */
  int requests() {
    return buffers.size();
  }

  long totalBytes() {
    return totalBytes.get();
  }
}
