package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.TraceContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-process table of decision rates: stable indices, exact rates, a bounded size. */
class DecisionRatesTest {
  @Test
  void theSameRate_hasTheSameIndex_andComesBackExactly() {
    short a = DecisionRates.indexOf(1 / 0.3);
    assertThat(a).isPositive();
    assertThat(DecisionRates.indexOf(1 / 0.3)).isEqualTo(a);
    assertThat(DecisionRates.rate(a)).isEqualTo(1 / 0.3);
    assertThat(DecisionRates.indexOf(0)).isZero();
    assertThat(DecisionRates.indexOf(Double.NaN)).isZero();
    assertThat(DecisionRates.indexOf(Double.POSITIVE_INFINITY)).isZero();
    assertThat(DecisionRates.rate((short) 0)).isZero();
    TraceContext t = TraceContext.newRoot().withSampled(true, 0.3);
    assertThat(t.sampleRate()).isEqualTo(1 / 0.3);
    assertThat(t).isEqualTo(t.withSampled(true, 0.3)).isNotEqualTo(t.withSampled(true, 0.4));
  }

  /** Fills the table in a JVM of its own: later rates get none; the earlier ones stay right. */
  @Test
  void aFullTable_givesNoRate_andKeepsTheOnesItHas(@TempDir Path dir) throws Exception {
    Path err = dir.resolve("stderr");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                Fill.class.getName())
            .redirectError(err.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    assertThat(out).isEqualTo("first=2.0 last=32768.0 beyond=0.0 context=0.0");
    assertThat(Files.readString(err)).contains("distinct sampling probabilities");
  }

  /** The child JVM's main. */
  public static final class Fill {
    public static void main(String[] args) {
      short first = DecisionRates.indexOf(2);
      short last = first;
      for (int i = 3; i <= DecisionRates.MAX + 1; i++) {
        last = DecisionRates.indexOf(i);
      }
      short beyond = DecisionRates.indexOf(1e9);
      double context = TraceContext.newRoot().withSampled(true, 1e-9).sampleRate();
      System.out.println(
          "first="
              + DecisionRates.rate(first)
              + " last="
              + DecisionRates.rate(last)
              + " beyond="
              + DecisionRates.rate(beyond)
              + " context="
              + context);
    }
  }
}
