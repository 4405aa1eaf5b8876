package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Level;
import dev.correlog.context.TraceContext;
import dev.correlog.sampling.ErrorFlush;
import dev.correlog.sink.InMemorySink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Error flush's buffers do O(1) work per held line whatever the number of requests in flight (the
 * sweep for abandoned requests looks at each buffer at most once), keep their bounds, and count
 * each line once: flushed, or sampled out.
 */
class RequestBuffersWorkTest {
  private static final byte[] LINE = "{\"event\":\"step\"}\n".getBytes(StandardCharsets.UTF_8);

  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
  private final Metrics metrics = new Metrics();
  private final InMemorySink memory = new InMemorySink();

  private RequestBuffers buffers(ErrorFlush limits) {
    return new RequestBuffers(limits, new SinkGuard(memory, metrics), metrics, now::get);
  }

  private static List<TraceContext> requests(int n) {
    List<TraceContext> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(TraceContext.newRoot());
    }
    return out;
  }

  private static void hold(RequestBuffers b, TraceContext ctx) {
    b.hold(ctx, Level.INFO, LINE, 0, LINE.length);
  }

  @Test
  void at8000RequestsInFlight_eachHeldLineLooksAtMostAtOneBuffer() {
    RequestBuffers b = buffers(new ErrorFlush(64, 64 * 1024, 1L << 30));
    List<TraceContext> inFlight = requests(8_000);
    for (TraceContext r : inFlight) {
      hold(b, r);
    }
    assertThat(b.requests()).isEqualTo(8_000);
    long afterFill = b.sweepVisits.sum();
    // Before: every line held past 4,096 requests scanned every buffer (8,000 per line here).
    assertThat(afterFill).isLessThanOrEqualTo(8_000 - RequestBuffers.SWEEP_AT + 1);

    for (int round = 0; round < 5; round++) {
      for (TraceContext r : inFlight) {
        hold(b, r); // a request already holding: no sweep at all
      }
    }
    assertThat(b.sweepVisits.sum()).isEqualTo(afterFill);

    // Requests end and new ones start, all recent: one look at the oldest per new request.
    List<TraceContext> next = requests(8_000);
    for (int i = 0; i < next.size(); i++) {
      b.discard(inFlight.get(i));
      hold(b, next.get(i));
    }
    assertThat(b.sweepVisits.sum() - afterFill).isLessThanOrEqualTo(8_000);
    assertThat(b.requests()).isEqualTo(8_000);
  }

  @Test
  void abandonedRequestsAreSweptOldestFirst_eachLookedAtOnce() {
    RequestBuffers b = buffers(new ErrorFlush(64, 64 * 1024, 1L << 30));
    List<TraceContext> abandoned = requests(6_000);
    for (TraceContext r : abandoned) {
      hold(b, r);
    }
    long visitsBefore = b.sweepVisits.sum();
    now.addAndGet(RequestBuffers.ABANDONED_NANOS + 1);
    List<TraceContext> fresh = requests(6_000);
    for (TraceContext r : fresh) {
      hold(b, r);
    }
    // Every abandoned buffer is discarded once, plus one look at a recent one per sweep that stops.
    assertThat(b.sweepVisits.sum() - visitsBefore).isLessThanOrEqualTo(6_000L + 6_000L);
    // The abandoned ones were discarded (as sampled out), the recent ones kept.
    assertThat(b.requests()).isEqualTo(6_000);
    assertThat(metrics.sampledOut.sum()).isEqualTo(6_000);
    assertThat(b.totalBytes()).isEqualTo(6_000L * LINE.length);
    for (TraceContext r : fresh) {
      b.discard(r);
    }
    assertThat(b.totalBytes()).isZero();
  }

  @Test
  void boundsHold_perRequestAndInTotal() {
    int perRequest = 3;
    long total = 10L * LINE.length;
    RequestBuffers b = buffers(new ErrorFlush(perRequest, 4 * LINE.length, total));
    List<TraceContext> rs = requests(5);
    for (TraceContext r : rs) {
      for (int i = 0; i < 5; i++) {
        hold(b, r);
      }
    }
    // 3 + 3 + 3 + 1 + 0 held: the total allows 10 lines.
    assertThat(b.totalBytes()).isEqualTo(total);
    assertThat(b.overflow.sum()).isEqualTo(25 - 10);
    for (TraceContext r : rs) {
      b.flush(r);
    }
    assertThat(memory.lines()).hasSize(10);
    assertThat(b.totalBytes()).isZero();
    assertThat(b.requests()).isZero();
  }

  @Test
  void eachLineIsCountedOnce_flushedOrSampledOut() {
    RequestBuffers b = buffers(new ErrorFlush(4, 64 * 1024, 1L << 20));
    List<TraceContext> rs = requests(4);
    for (TraceContext r : rs) {
      for (int i = 0; i < 6; i++) {
        hold(b, r); // 4 held, 2 overflow (sampled out at once)
      }
    }
    b.flush(rs.get(0)); // 4 flushed
    b.discard(rs.get(1)); // 4 sampled out
    b.flush(rs.get(1)); // nothing left: nothing counted
    b.discard(rs.get(0));
    b.discardAll(); // closing: rs 2 and 3, 8 sampled out
    assertThat(b.flushed.sum()).isEqualTo(4);
    assertThat(metrics.emitted.sum()).isEqualTo(4);
    assertThat(b.overflow.sum()).isEqualTo(8);
    assertThat(metrics.sampledOut.sum()).isEqualTo(8 + 4 + 8);
    assertThat(b.flushed.sum() + metrics.sampledOut.sum()).isEqualTo(4 * 6);
    assertThat(b.totalBytes()).isZero();
  }

  @Test
  void aTracesLinesLastUntilItsLastScopeExits_andAFlushKeepsCountingItsScopes() {
    RequestBuffers b = buffers(new ErrorFlush(64, 64 * 1024, 1L << 20));
    TraceContext r = TraceContext.newRoot();
    RequestBuffers.Buffer first = b.enter(r);
    RequestBuffers.Buffer second = b.enter(r); // another thread of the same trace
    assertThat(second).isSameAs(first);
    hold(b, r);
    b.exit(second);
    assertThat(b.requests()).isEqualTo(1); // one scope still open: kept
    b.flush(r); // the error: written, and the trace still counts its open scope
    assertThat(memory.lines()).hasSize(1);
    hold(b, r); // after the error: held again
    b.exit(first); // the last scope: discarded, counted as sampled out
    assertThat(b.requests()).isZero();
    assertThat(b.flushed.sum()).isEqualTo(1);
    assertThat(metrics.sampledOut.sum()).isEqualTo(1);
    assertThat(b.totalBytes()).isZero();
  }

  @Test
  void aScopeOfASweptTrace_exitingLate_leavesTheTracesNewerBufferAlone() {
    RequestBuffers b = buffers(new ErrorFlush(64, 64 * 1024, 1L << 30));
    TraceContext stuck = TraceContext.newRoot();
    RequestBuffers.Buffer old = b.enter(stuck); // a scope left open for over a minute
    for (TraceContext r : requests(RequestBuffers.SWEEP_AT)) {
      b.enter(r);
    }
    now.addAndGet(RequestBuffers.ABANDONED_NANOS + 1);
    b.enter(TraceContext.newRoot()); // past the bound: the abandoned ones are swept, oldest first
    assertThat(b.requests()).isEqualTo(RequestBuffers.SWEEP_AT);
    RequestBuffers.Buffer newer = b.enter(stuck); // the trace comes back to this process
    assertThat(newer).isNotSameAs(old);
    hold(b, stuck);
    b.exit(old); // the old scope finally closes: not one of the newer buffer's scopes
    b.flush(stuck);
    assertThat(memory.lines()).hasSize(1);
    int before = b.requests();
    b.exit(newer); // its own last scope: now it goes
    assertThat(b.requests()).isEqualTo(before - 1);
  }

  @Test
  void threadsEnteringAndLeavingOneTraceConcurrently_loseNoLineAndLeaveNothingBehind()
      throws Exception {
    RequestBuffers b = buffers(new ErrorFlush(1_000_000, 1 << 30, 1L << 32));
    TraceContext r = TraceContext.newRoot();
    int threads = 4;
    int rounds = 20_000;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (int i = 0; i < rounds; i++) {
                  RequestBuffers.Buffer scope = b.enter(r);
                  hold(b, r);
                  if (i % 100 == 0) {
                    b.flush(r);
                  }
                  b.exit(scope);
                }
              });
      th.start();
      all.add(th);
    }
    for (Thread th : all) {
      th.join(60_000);
    }
    // Every held line ended exactly once: written by a flush or discarded when the trace left.
    assertThat(b.flushed.sum() + metrics.sampledOut.sum()).isEqualTo((long) threads * rounds);
    assertThat(b.overflow.sum()).isZero();
    assertThat(b.requests()).isZero();
    assertThat(b.totalBytes()).isZero();
  }
}
