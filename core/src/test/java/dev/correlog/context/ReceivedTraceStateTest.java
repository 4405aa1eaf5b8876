package dev.correlog.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Propagators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link TraceContext#received}: the {@code tracestate} is kept as received and checked at the
 * first read, with exactly the answers the W3C rules give, through every copy of the context.
 */
class ReceivedTraceStateTest {
  private static final String[][] CASES = {
    {"rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"},
    {" rojo=1 ,, congo=2\t", "rojo=1,congo=2"},
    {"foo=1,foo=2", "foo=1"},
    {"Foo=1", null},
    {"foo=1,bar", null},
    {"", null},
    {"a=" + "x".repeat(8200), null},
    {null, null},
  };

  private static TraceContext received(String ts) {
    return TraceContext.received(1, 2, 3, TraceContext.FLAG_SAMPLED, ts);
  }

  @Test
  void theFirstRead_givesTheCheckedValue_andEveryCopyKeepsIt() {
    for (String[] c : CASES) {
      TraceContext ctx = received(c[0]);
      List<TraceContext> copies =
          List.of(
              ctx,
              received(c[0]).newChild(),
              received(c[0]).withRequestId("r-1"),
              received(c[0]).withSampled(false),
              received(c[0]).withSamplingDeferred(),
              received(c[0]).withSampled(true, 0.5));
      for (TraceContext copy : copies) {
        assertThat(copy.traceState()).as("%s from %s", copy, c[0]).isEqualTo(c[1]);
        assertThat(copy.traceState()).as("read twice").isEqualTo(c[1]);
      }
    }
  }

  @Test
  void copies_shareOneCheck() {
    TraceContext parent = received(" a=1 , b=2 ");
    TraceContext child = parent.newChild().withRequestId("r-2").withSampled(true);
    assertThat(child.traceState()).isEqualTo("a=1,b=2").isSameAs(parent.traceState());
  }

  @Test
  void equalityAndText_useTheCheckedValue() {
    TraceContext r = received(" rojo=1 ,congo=2");
    TraceContext given =
        TraceContext.of(1, 2, 3, 0, TraceContext.FLAG_SAMPLED, "rojo=1,congo=2", null);
    assertThat(r).isEqualTo(given).hasSameHashCodeAs(given);
    assertThat(given).isEqualTo(r);
    assertThat(received("Bad=1")).isEqualTo(TraceContext.of(1, 2, 3, 0, (byte) 1, null, null));
    assertThat(r.toString()).contains("tracestate=rojo=1,congo=2");
    assertThat(r.withTraceState("rojo=1,congo=2")).isSameAs(r);
    assertThat(r.withTraceState("Other=1").traceState())
        .as("given, not checked")
        .isEqualTo("Other=1");
    assertThat(received("Bad=1").withTraceState(null).traceState()).isNull();
  }

  @Test
  void ofKeepsWhatItIsGiven_unchecked() {
    assertThat(TraceContext.of(1, 2, 3, 0, (byte) 0, "Bad=1", null).traceState())
        .isEqualTo("Bad=1");
  }

  @Test
  void zeroIds_areRejected() {
    assertThatThrownBy(() -> TraceContext.received(0, 0, 3, (byte) 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TraceContext.received(1, 2, 0, (byte) 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TraceContext.received(1, 2, 3, (byte) 0xff, null).flags())
        .isEqualTo((byte) (TraceContext.FLAG_SAMPLED | TraceContext.FLAG_RANDOM));
  }

  @Test
  void threadsReadingAtOnce_allSeeTheCheckedValue() throws Exception {
    for (int round = 0; round < 200; round++) {
      TraceContext ctx = received(" a=1 , b=2 ");
      CountDownLatch go = new CountDownLatch(1);
      AtomicReference<String> wrong = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread th =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  String ts = ctx.traceState();
                  if (!"a=1,b=2".equals(ts)) {
                    wrong.set(ts);
                  }
                });
        th.start();
        threads.add(th);
      }
      go.countDown();
      for (Thread th : threads) {
        th.join();
      }
      assertThat(wrong.get()).isNull();
    }
  }

  @Test
  void forwarding_sendsWhatWasReceived_checked() {
    String tp = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    for (String[] c : CASES) {
      Map<String, String> in = new HashMap<>();
      in.put("traceparent", tp);
      if (c[0] != null) {
        in.put("tracestate", c[0]);
      }
      TraceContext ctx = Propagators.w3c().extract(in, Carriers.MAP_GETTER).context().newChild();
      Map<String, String> out = new HashMap<>();
      Propagators.w3c().inject(ctx, out, Carriers.MAP_SETTER);
      assertThat(out.get("tracestate")).as("forwarded %s", c[0]).isEqualTo(c[1]);
    }
  }
}
