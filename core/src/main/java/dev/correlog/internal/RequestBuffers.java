package dev.correlog.internal;

import dev.correlog.Level;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sampling.ErrorFlush;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The per-request buffers of {@link ErrorFlush}, keyed by trace id.
 *
 * <p>A trace's buffer also counts the trace's open scopes in this process, on every thread ({@link
 * #enter}, {@link #exit}, called by {@link TraceExitHook}): its lines are discarded when the last
 * one closes, not when one thread leaves the trace while another still serves it.
 *
 * <p>Every operation costs the same whatever the number of requests in flight: holding a line, a
 * flush, a scope's enter and exit are one hash operation each, plus O(1) work on a list of the
 * buffers in the order they were created. Past {@link #SWEEP_AT} traces, the oldest buffers, when
 * older than {@link #ABANDONED_NANOS} (requests whose scope never closed), are discarded from the
 * head of that list: each buffer is looked at there once, so the sweep is O(1) amortised.
 *
 * <p>Counting: a held line that is written is counted in {@link #flushed} (and, once the sink took
 * it, as emitted); a line that was not held (a bound reached) is counted in {@link #overflow} and
 * as sampled out; a held line that is discarded (its request ended without an error, was abandoned,
 * or the engine closed) is counted as sampled out then. Each line is counted exactly once among
 * flushed and sampled out.
 */
final class RequestBuffers {
  /** Past this many traces in flight or holding lines, abandoned ones are swept. */
  static final int SWEEP_AT = 4096;

  /** A request holding lines for longer than this is abandoned, once past {@link #SWEEP_AT}. */
  static final long ABANDONED_NANOS = 60_000_000_000L;

  /**
   * A trace id. Compared when hash codes collide, so a crafted set of trace ids costs O(log n), not
   * O(n). A plain class, not a record: a record's generated {@code equals} is linked through {@code
   * java.lang.runtime.ObjectMethods}, whose static method handle caches (on JDK 17) a handle typed
   * with the record's class, keeping this library's class loader alive after a redeploy (see
   * RATIONALE.md, "Redeploy").
   */
  static final class Key implements Comparable<Key> {
    final long high;
    final long low;

    Key(long high, long low) {
      this.high = high;
      this.low = low;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.high == high && k.low == low;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    @Override
    public int compareTo(Key o) {
      int c = Long.compare(high, o.high);
      return c != 0 ? c : Long.compare(low, o.low);
    }
  }

  /**
   * A trace in this process: its open scopes and its held lines. It is also the decorator scope of
   * each of the trace's scopes ({@link TraceExitHook}): closing it once per scope counts one scope
   * out, so nothing is allocated per scope beyond the key.
   */
  static final class Buffer implements Scope, BiFunction<Key, Buffer, Buffer> {
    final RequestBuffers owner;
    final Key key;
    final long created;
    int scopes; // open scopes of the trace; changed only inside buffers.compute for its key
    List<byte[]> lines; // null until a line is held; guarded by the buffer, as are the next three
    List<Level> levels;
    int bytes;
    boolean closed;
    Buffer older; // guarded by RequestBuffers.order
    Buffer newer;
    boolean linked;

    Buffer(RequestBuffers owner, Key key, long created) {
      this.owner = owner;
      this.key = key;
      this.created = created;
    }

    int held() {
      return lines == null ? 0 : lines.size();
    }

    /** One scope of the trace closed: see {@link RequestBuffers#exit}. */
    @Override
    public void close() {
      owner.exit(this);
    }

    /** Counts one scope out of the entry {@code now} of the map, when it is this buffer. */
    @Override
    public Buffer apply(Key k, Buffer now) {
      return now != this || --now.scopes > 0 ? now : null;
    }
  }

  private final ErrorFlush limits;
  private final SinkGuard sink;
  private final Metrics metrics;
  private final LongSupplier nanoTime;
  private final BiFunction<Key, Buffer, Buffer> opened = this::opened; // made once, not per scope
  private final ConcurrentHashMap<Key, Buffer> buffers = new ConcurrentHashMap<>();
  private final AtomicLong totalBytes = new AtomicLong();
  private final Object order = new Object();
  private Buffer oldest; // guarded by order
  private Buffer newest; // guarded by order
  final LongAdder overflow = new LongAdder();
  final LongAdder flushed = new LongAdder();

  /** Buffers the sweep looked at (tests: the work done per held line). */
  final LongAdder sweepVisits = new LongAdder();

  RequestBuffers(ErrorFlush limits, SinkGuard sink, Metrics metrics) {
    this(limits, sink, metrics, System::nanoTime);
  }

  RequestBuffers(ErrorFlush limits, SinkGuard sink, Metrics metrics, LongSupplier nanoTime) {
    this.limits = limits;
    this.sink = sink;
    this.metrics = metrics;
    this.nanoTime = nanoTime;
  }

  private static Key key(TraceContext ctx) {
    return new Key(ctx.traceIdHigh(), ctx.traceIdLow());
  }

  /** Holds a copy of a dropped line of the request {@code ctx} belongs to, within the bounds. */
  void hold(TraceContext ctx, Level level, byte[] line, int off, int len) {
    Key k = key(ctx);
    Buffer b = buffers.get(k);
    if (b == null) {
      if (buffers.size() >= SWEEP_AT) {
        sweep();
      }
      Buffer fresh = new Buffer(this, k, nanoTime.getAsLong());
      b = buffers.putIfAbsent(k, fresh);
      if (b == null) {
        b = fresh;
        link(fresh);
      }
    }
    synchronized (b) {
      if (b.closed
          || b.held() >= limits.maxLinesPerRequest()
          || b.bytes + len > limits.maxBytesPerRequest()) {
        notHeld();
        return;
      }
      if (totalBytes.addAndGet(len) > limits.maxTotalBytes()) {
        totalBytes.addAndGet(-len);
        notHeld();
        return;
      }
      if (b.lines == null) {
        b.lines = new ArrayList<>();
        b.levels = new ArrayList<>();
      }
      b.lines.add(Arrays.copyOfRange(line, off, off + len));
      b.levels.add(level);
      b.bytes += len;
    }
  }

  private void notHeld() {
    overflow.increment();
    metrics.sampledOut.increment();
  }

  /**
   * A scope of the trace of {@code ctx} opened, on any thread: counted, so that the trace's lines
   * are kept until the last of its scopes in this process closes. Returns what {@link #exit} takes.
   */
  Buffer enter(TraceContext ctx) {
    Key k = key(ctx);
    if (buffers.size() >= SWEEP_AT && !buffers.containsKey(k)) {
      sweep();
    }
    return buffers.compute(k, opened);
  }

  private Buffer opened(Key k, Buffer b) {
    if (b == null) {
      b = new Buffer(this, k, nanoTime.getAsLong());
      link(b); // not visible to other threads before compute returns
    }
    b.scopes++;
    return b;
  }

  /**
   * A scope counted by {@link #enter} closed. When it was the last open scope of its trace in this
   * process, the trace's held lines are discarded (the request ended without an error). A buffer
   * swept or discarded meanwhile is not touched again, nor is a newer buffer of the same trace.
   */
  void exit(Buffer b) {
    if (buffers.computeIfPresent(b.key, b) == null) {
      close(b);
      unlink(b);
    }
  }

  /** Writes the request's held lines, in order, and forgets them. */
  void flush(TraceContext ctx) {
    Buffer b = buffers.get(key(ctx));
    if (b == null) {
      return;
    }
    synchronized (b) {
      if (b.closed) {
        return;
      }
      for (int i = 0; i < b.held(); i++) {
        byte[] line = b.lines.get(i);
        flushed.increment(); // decided: written, not sampled out, whatever the sink does with it
        if (sink.write(b.levels.get(i), line, 0, line.length)) {
          metrics.emitted.increment();
        }
      }
      release(b); // the trace's scopes still count on it: later lines are held again
    }
    if (buffers.computeIfPresent(b.key, (k, now) -> now == b && now.scopes == 0 ? null : now)
        == null) {
      close(b); // held without any scope open (an explicit context): nothing else ends it
      unlink(b);
    }
  }

  /** The request ended without an error: drop what it held. */
  void discard(TraceContext ctx) {
    Buffer b = buffers.remove(key(ctx));
    if (b != null) {
      close(b);
      unlink(b);
    }
  }

  /** Discards every request's lines (the engine is closing). */
  void discardAll() {
    for (Buffer b : buffers.values()) {
      if (buffers.remove(b.key, b)) {
        close(b);
        unlink(b);
      }
    }
  }

  private void close(Buffer b) {
    synchronized (b) {
      if (!b.closed) {
        b.closed = true;
        metrics.sampledOut.add(b.held());
        release(b);
      }
    }
  }

  private void release(Buffer b) {
    totalBytes.addAndGet(-b.bytes);
    b.bytes = 0;
    b.lines = null;
    b.levels = null;
  }

  private void link(Buffer b) {
    synchronized (order) {
      if (b.linked) {
        return;
      }
      b.linked = true;
      b.older = newest;
      if (newest != null) {
        newest.newer = b;
      } else {
        oldest = b;
      }
      newest = b;
    }
  }

  private void unlink(Buffer b) {
    synchronized (order) {
      if (!b.linked) {
        b.linked = true; // removed before link() ran: link() must not add it any more
        return;
      }
      if (b.older != null) {
        b.older.newer = b.newer;
      } else if (oldest == b) {
        oldest = b.newer;
      }
      if (b.newer != null) {
        b.newer.older = b.older;
      } else if (newest == b) {
        newest = b.older;
      }
      b.older = null;
      b.newer = null;
    }
  }

  /** Discards abandoned buffers from the oldest end, while too many requests are held. */
  private void sweep() {
    long cutoff = nanoTime.getAsLong() - ABANDONED_NANOS;
    while (buffers.size() >= SWEEP_AT) {
      Buffer b;
      synchronized (order) {
        b = oldest;
        if (b == null) {
          return;
        }
        sweepVisits.increment();
        if (b.created - cutoff >= 0) {
          return; // the oldest is recent: so are all the others
        }
      }
      if (buffers.remove(b.key, b)) {
        close(b);
      }
      unlink(b); // also when a flush or discard removed it: it is doing the rest
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
