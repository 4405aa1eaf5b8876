package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.Correlog;
import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import dev.correlog.sink.InMemorySink;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/** A thread's builder kept in its innermost scope: per Correlog, busy-safe, dropped with it. */
class ScopeBuilderSlotTest {

  @Test
  void twoCorrelogsInOneScopeEachWriteWithTheirOwnBuilder() {
    InMemorySink a = new InMemorySink();
    InMemorySink b = new InMemorySink();
    Correlog ca = Correlog.builder().service("svc-a").version("1").sink(a).build();
    Correlog cb = Correlog.builder().service("svc-b").version("1").sink(b).build();
    try (Scope s = TraceContext.newRoot("req-1").withSampled(true).attach()) {
      for (int i = 0; i < 3; i++) {
        ca.logger("x").info("from.a").field("i", i).emit();
        cb.logger("x").info("from.b").field("i", i).emit();
      }
    }
    assertThat(a.lines()).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"svc-a\""));
    assertThat(b.lines()).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"svc-b\""));
    assertThat(a.lines()).allSatisfy(l -> assertThat(l).contains("\"event\":\"from.a\""));
    assertThat(b.lines()).allSatisfy(l -> assertThat(l).contains("\"event\":\"from.b\""));
  }

  @Test
  void anEventLoggedWhileTheScopesBuilderIsBusyGetsAnotherOne() {
    InMemorySink sink = new InMemorySink();
    Correlog c = Correlog.builder().service("s").version("1").sink(sink).build();
    Object nested =
        new Object() {
          @Override
          public String toString() {
            c.logger("x").info("inner").field("k", 1L).emit();
            return "outer-value";
          }
        };
    try (Scope s = TraceContext.newRoot("req-2").withSampled(true).attach()) {
      c.logger("x").info("warm").emit(); // the scope now keeps this thread's builder
      c.logger("x").info("outer").field("v", nested).field("after", 2L).emit();
    }
    assertThat(sink.lines()).hasSize(3);
    assertThat(sink.lines().get(1)).contains("\"event\":\"inner\"", "\"k\":1");
    assertThat(sink.lines().get(2))
        .contains("\"event\":\"outer\"", "\"v\":\"outer-value\"", "\"after\":2")
        .doesNotContain("inner");
  }

  @Test
  void aClosedScopeKeptByTheCallerDoesNotKeepTheBuilderNorItsSink() throws Exception {
    Object[] kept = new Object[1];
    WeakReference<InMemorySink> ref = logInScopeAndClose(kept);
    for (int i = 0; i < 100 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(kept[0]).isNotNull(); // the closed scope is still held here
    assertThat(ref.get()).as("the builder's sink was collected").isNull();
  }

  private static WeakReference<InMemorySink> logInScopeAndClose(Object[] kept) {
    InMemorySink sink = new InMemorySink();
    Correlog c = Correlog.builder().service("s").version("1").sink(sink).build();
    Scope s = TraceContext.newRoot("req-3").withSampled(true).attach();
    c.logger("x").info("in.scope").emit();
    assertThat(ScopeStack.top().slot(new Object())).isNull(); // keyed by identity only
    s.close();
    c.close();
    kept[0] = s;
    assertThat(sink.lines()).hasSize(1);
    return new WeakReference<>(sink);
  }
}
