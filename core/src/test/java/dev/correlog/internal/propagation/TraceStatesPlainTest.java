package dev.correlog.internal.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code TraceStates.scanPlain}, the one-pass check of the common shape, against {@code scanAny},
 * the general one: whenever the fast one answers, it answers what the general one does, and it
 * answers for every plain value.
 */
class TraceStatesPlainTest {
  /** Characters that matter to the grammar, with some beyond ASCII whose low 7 bits do too. */
  private static final String ALPHABET =
      "ab0z9_-*/@=,  \t=,~!AZ\u0080\u00e1\u00bd\u00ac\u0130\u0161\u3d3d\u2c2c\u007f\u0000";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
        "a=b",
        "0=1",
        "a_b-c*d/e@f=~!\"#$%&'()*+-./:;<>?@[\\]^_`{|}",
        "t@v=1,x=2,y=3"
      })
  void answersForPlainValues(String s) {
    assertThat(TraceStates.scanPlain(s)).isNotZero().isEqualTo(TraceStates.scanAny(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a=b,",
        ",a=b",
        "a=b ,c=d",
        "a=b\t",
        "a= b",
        "a=b,a=c",
        "A=b",
        "_a=b",
        "a=",
        "=b",
        "a",
        "a=b=c",
        "a=\u0130",
        "\u00e1=b",
        "a=b c"
      })
  void leavesEverythingElseToTheGeneralScan(String s) {
    assertThat(TraceStates.scanPlain(s)).isZero();
  }

  @Test
  void lengthAndMemberLimitsAgree() {
    String key256 = "k".repeat(256);
    String value256 = "v".repeat(256);
    for (String s :
        new String[] {
          key256 + "=1",
          "k" + key256 + "=1",
          "a=" + value256,
          "a=v" + value256,
          members(32),
          members(33)
        }) {
      long plain = TraceStates.scanPlain(s);
      assertThat(plain == 0 || plain == TraceStates.scanAny(s)).as(s).isTrue();
      assertThat(TraceStates.scan(s)).as(s).isEqualTo(TraceStates.scanAny(s));
    }
    assertThat(TraceStates.scanPlain(members(32))).isNotZero();
  }

  @Test
  void agreesWithTheGeneralScanOnRandomValues() {
    SplittableRandom random = new SplittableRandom(15);
    int answered = 0;
    for (int t = 0; t < 300_000; t++) {
      String s = random.nextInt(3) == 0 ? mutated(random) : randomString(random);
      long plain = TraceStates.scanPlain(s);
      long any = TraceStates.scanAny(s);
      if (plain != 0) {
        answered++;
        assertThat(plain).as("%s", s).isEqualTo(any);
      }
      assertThat(TraceStates.scan(s)).as("%s", s).isEqualTo(any);
    }
    assertThat(answered).as("the fast path must be exercised").isGreaterThan(10_000);
  }

  private static String members(int count) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append(i > 0 ? "," : "").append('k').append(i).append("=v");
    }
    return b.toString();
  }

  private static String randomString(SplittableRandom random) {
    int n = random.nextInt(14);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /** A plain value with one character changed, inserted or removed. */
  private static String mutated(SplittableRandom random) {
    StringBuilder b = new StringBuilder();
    int members = 1 + random.nextInt(4);
    for (int m = 0; m < members; m++) {
      b.append(m > 0 ? "," : "")
          .append((char) ('a' + random.nextInt(3)))
          .append(random.nextBoolean() ? "" : "@x")
          .append('=')
          .append(random.nextInt(1000));
    }
    int at = random.nextInt(b.length() + 1);
    char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    switch (random.nextInt(4)) {
      case 0:
        b.insert(at, c);
        break;
      case 1:
        if (at < b.length()) {
          b.setCharAt(at, c);
        }
        break;
      case 2:
        if (at < b.length()) {
          b.deleteCharAt(at);
        }
        break;
      default:
        break;
    }
    return b.toString();
  }
}
