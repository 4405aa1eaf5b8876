package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.context.Scope;
import dev.correlog.context.TraceContext;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class ScopeStackTest {
  private final TraceContext a = TraceContext.newRoot("req-a");
  private final TraceContext b = TraceContext.newRoot("req-b");
  private final TraceContext c = TraceContext.newRoot("req-c");

  @AfterEach
  void threadIsLeftWithoutContext() {
    assertThat(ScopeStack.depth()).isZero();
    assertThat(ScopeStack.current()).isNull();
  }

  @Test
  void noContextIsCurrentOnAFreshThread() {
    assertThat(TraceContext.current()).isNull();
  }

  @Test
  void nestedScopesRestoreEachPreviousContextExactly() {
    try (Scope sa = a.attach()) {
      assertThat(TraceContext.current()).isSameAs(a);
      try (Scope sb = b.attach()) {
        assertThat(TraceContext.current()).isSameAs(b);
        try (Scope sa2 = a.attach()) {
          assertThat(TraceContext.current()).isSameAs(a);
          assertThat(ScopeStack.depth()).isEqualTo(3);
        }
        assertThat(TraceContext.current()).isSameAs(b);
      }
      assertThat(TraceContext.current()).isSameAs(a);
      assertThat(ScopeStack.depth()).isEqualTo(1);
    }
  }

  @Test
  void closingOutOfOrderIsReportedOnceAndRepairedWhenTheUpperScopeCloses() {
    Reporter.rearm("scope.order");
    try (StderrCapture err = new StderrCapture()) {
      for (int round = 0; round < 2; round++) {
        Scope lower = a.attach();
        Scope upper = b.attach();
        lower.close(); // out of order: upper is still open
        assertThat(TraceContext.current()).isSameAs(b);
        upper.close();
        assertThat(TraceContext.current()).isNull();
        assertThat(ScopeStack.depth()).isZero();
      }
      assertThat(err.linesContaining("correlog: Scopes were closed out of order")).isEqualTo(1);
    }
  }

  @Test
  void outOfOrderCloseInTheMiddleIsSkippedWhenTheScopesAboveClose() {
    try (StderrCapture err = new StderrCapture()) {
      Scope sa = a.attach();
      Scope sb = b.attach();
      Scope sc = c.attach();
      sb.close();
      assertThat(TraceContext.current()).isSameAs(c);
      sc.close();
      assertThat(TraceContext.current()).isSameAs(a);
      assertThat(ScopeStack.depth()).isEqualTo(1);
      sa.close();
    }
  }

  @Test
  void closingTwiceDoesNothingTheSecondTime() {
    try (Scope sa = a.attach()) {
      Scope sb = b.attach();
      sb.close();
      sb.close();
      assertThat(TraceContext.current()).isSameAs(a);
      assertThat(ScopeStack.depth()).isEqualTo(1);
    }
  }

  @Test
  void closingOnAnotherThreadCorruptsNeitherThread() throws Exception {
    Scope sa = a.attach();
    Scope sb = b.attach();
    AtomicReference<TraceContext> otherBefore = new AtomicReference<>();
    AtomicReference<TraceContext> otherAfter = new AtomicReference<>();
    AtomicReference<Integer> otherDepth = new AtomicReference<>();
    try (StderrCapture err = new StderrCapture()) {
      Thread other =
          new Thread(
              () -> {
                try (Scope sc = c.attach()) {
                  otherBefore.set(TraceContext.current());
                  sb.close();
                  otherAfter.set(TraceContext.current());
                }
                otherDepth.set(ScopeStack.depth());
              });
      other.start();
      other.join();
    }
    assertThat(otherBefore.get()).isSameAs(c);
    assertThat(otherAfter.get()).isSameAs(c);
    assertThat(otherDepth.get()).isZero();
    // This thread no longer sees the closed scope and repairs its stack at its next close.
    assertThat(TraceContext.current()).isSameAs(a);
    try (Scope sc = c.attach()) {
      assertThat(TraceContext.current()).isSameAs(c);
    }
    assertThat(TraceContext.current()).isSameAs(a);
    assertThat(ScopeStack.depth()).isEqualTo(1);
    sa.close();
  }

  @Test
  void attachingNullIsRejected() {
    assertThatThrownBy(() -> ScopeStack.attach(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void taskScopeWithNullContextHidesTheThreadsContextUntilClosed() {
    try (Scope sa = a.attach()) {
      try (Scope task = ScopeStack.attachForTask(null)) {
        assertThat(TraceContext.current()).isNull();
      }
      assertThat(TraceContext.current()).isSameAs(a);
      assertThat(ScopeStack.depth()).isEqualTo(1);
    }
  }

  @Test
  void taskScopeClosesScopesTheTaskLeftOpenAndReportsItOnce() {
    Reporter.rearm("scope.leak");
    try (StderrCapture err = new StderrCapture()) {
      try (Scope sa = a.attach()) {
        for (int round = 0; round < 2; round++) {
          Scope task = ScopeStack.attachForTask(b);
          Scope leaked = c.attach();
          task.close();
          assertThat(TraceContext.current()).isSameAs(a);
          assertThat(ScopeStack.depth()).isEqualTo(1);
          leaked.close(); // already closed by the task scope: does nothing
          assertThat(TraceContext.current()).isSameAs(a);
        }
      }
      assertThat(err.linesContaining("left a Scope open")).isEqualTo(1);
      assertThat(err.linesContaining("out of order")).isZero();
    }
  }
}
