package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** {@code error.stack} is, character for character, what {@code printStackTrace} prints. */
class StackAsJdkPrintsItTest {
  private final CollectingSink sink = new CollectingSink();
  private final Correlog correlog = Lines.builder(sink).maxStringLength(60_000).build();

  private String written(Throwable t) {
    sink.clear();
    correlog.logger("t").error("failed").error(t).emit();
    return Lines.single(correlog, sink).get("error").get("stack").asText();
  }

  private static String printed(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  private static Throwable nested(int depth) {
    try {
      if (depth == 0) {
        throw new IllegalStateException("bottom");
      }
      return nested(depth - 1);
    } catch (IllegalStateException e) {
      if (depth % 3 == 1) {
        RuntimeException wrapped = new RuntimeException("at " + depth, e);
        wrapped.addSuppressed(new IOException("close " + depth));
        throw wrapped;
      }
      throw e;
    } catch (RuntimeException e) {
      RuntimeException wrapped = new RuntimeException("level " + depth, e);
      if (depth % 2 == 0) {
        IOException inner = new IOException("suppressed " + depth);
        inner.addSuppressed(new UncheckedIOException(new IOException("deeper " + depth)));
        wrapped.addSuppressed(inner);
      }
      if (depth == 12) {
        return wrapped;
      }
      throw wrapped;
    }
  }

  @Test
  void causesSuppressedAndCommonFramesAreWrittenAsTheJdkPrintsThem() {
    Throwable t = nested(12);
    assertThat(written(t)).isEqualTo(printed(t));
  }

  @Test
  void everyShapeMatches() {
    Exception cycleA = new Exception("a");
    Exception cycleB = new Exception("b", cycleA);
    cycleA.initCause(cycleB);
    Exception selfSuppressing = new Exception("outer");
    Exception loop = new Exception("loop", selfSuppressing);
    selfSuppressing.addSuppressed(loop);
    Exception noStack = new Exception("no stack");
    noStack.setStackTrace(new StackTraceElement[0]);
    Exception noMessage = new Exception();
    for (Throwable t :
        List.of(
            new ExecutionException(new Error("boom")),
            cycleA,
            selfSuppressing,
            noStack,
            noMessage,
            new RuntimeException("multi\nline\tmessage"))) {
      assertThat(written(t)).as(t.toString()).isEqualTo(printed(t));
    }
  }

  @Test
  void aCapCutsTheLastLineWithoutItsNewline() {
    Throwable t = nested(12);
    String full = printed(t);
    for (int cap : new int[] {64, 97, 300, 1000}) {
      sink.clear();
      Correlog c = Lines.builder(sink).maxStringLength(cap).build();
      c.logger("t").error("failed").error(t).emit();
      String stack = Lines.single(c, sink).get("error").get("stack").asText();
      String kept = stack.replace("...[truncated]", "");
      assertThat(full).as("cap %s", cap).startsWith(kept);
      assertThat(kept.length()).isLessThanOrEqualTo(cap + 1);
    }
  }
}
