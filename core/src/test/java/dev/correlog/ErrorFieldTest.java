package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ErrorFieldTest {
  private final CollectingSink sink = new CollectingSink();
  private final Correlog correlog = Lines.builder(sink).build();

  @Test
  void error_hasTypeMessageAndStack_withCausesAndSuppressed() {
    IllegalStateException root = new IllegalStateException("db down");
    RuntimeException top = new RuntimeException("order failed", root);
    top.addSuppressed(new java.io.IOException("close failed"));
    correlog.logger("t").error("order.failed").error(top).emit();
    JsonNode error = Lines.single(correlog, sink).get("error");
    assertThat(error.get("type").asText()).isEqualTo("java.lang.RuntimeException");
    assertThat(error.get("message").asText()).isEqualTo("order failed");
    String stack = error.get("stack").asText();
    assertThat(stack).startsWith("java.lang.RuntimeException: order failed\n\tat ");
    assertThat(stack).contains("Caused by: java.lang.IllegalStateException: db down");
    assertThat(stack).contains("\tSuppressed: java.io.IOException: close failed");
    assertThat(stack).contains("... ");
  }

  @Test
  void causeCycles_areMarked_notFollowedForever() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);
    correlog.logger("t").error("cycle").error(a).emit();
    String stack = Lines.single(correlog, sink).get("error").get("stack").asText();
    assertThat(stack).contains("[CIRCULAR REFERENCE: java.lang.Exception: a]");
  }

  @Test
  void hugeStacks_areCapped() {
    Correlog c = Lines.builder(sink).maxStringLength(2000).build();
    Throwable t = deep(500);
    c.logger("t").error("deep").error(t).emit();
    String stack = Lines.single(c, sink).get("error").get("stack").asText();
    assertThat(stack.length()).isLessThanOrEqualTo(2000 + "...[truncated]".length());
  }

  private static Throwable deep(int n) {
    return n == 0
        ? new RuntimeException("bottom")
        : new RuntimeException("level " + n, deep(n - 1));
  }

  @Test
  void aThrowableWhoseMethodsThrow_isStillWritten() {
    RuntimeException evil =
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("no message for you");
          }

          @Override
          public String toString() {
            throw new IllegalStateException("no string for you");
          }
        };
    correlog.logger("t").error("evil").error(evil).emit();
    JsonNode error = Lines.single(correlog, sink).get("error");
    assertThat(error.get("message").asText()).contains("getMessage() threw");
    assertThat(error.get("stack").asText()).contains("toString() threw");
  }
}
