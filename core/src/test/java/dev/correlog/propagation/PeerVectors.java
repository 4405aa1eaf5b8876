package dev.correlog.propagation;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What the peer differential properties share ({@link PeerDifferentialW3cTest}, {@link
 * PeerDifferentialB3Test}, {@link PeerDifferentialInjectTest}): constants, value generators and the
 * excuse for spaces around a value.
 */
final class PeerVectors {
  private PeerVectors() {}

  static final String HEX = "0123456789abcdef";

  /** A valid traceparent, for the tracestate properties. */
  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  /**
   * Excuse: spaces and tabs around a value are not part of it (RFC 9110 5.5: a field value does not
   * include leading or trailing whitespace; the W3C test suite's test_traceparent_ows_handling and
   * test_tracestate_ows_handling send them). README: "Spaces and tabs around a value are not part
   * of it ... OpenTelemetry and Brave read a traceparent, b3 or X-B3-* value with them as invalid",
   * so the peers are shown the value without them. Only space and tab: anything else (a no-break
   * space, a vertical tab) stays.
   */
  static String trimOws(String s) {
    return s == null ? null : s.replaceAll("^[ \t]+|[ \t]+$", "");
  }

  static W3CTraceContextPropagator w3c() {
    return W3CTraceContextPropagator.getInstance();
  }

  static Arbitrary<String> hex(int length) {
    return Arbitraries.strings().withChars(HEX).ofLength(length);
  }

  /** An id of {@code length} hex characters, mostly valid, sometimes zero, uppercase or damaged. */
  static Arbitrary<String> id(int length) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, hex(length)),
        Tuple.of(1, Arbitraries.just("0".repeat(length))),
        Tuple.of(1, hex(length).map(String::toUpperCase)),
        Tuple.of(1, hex(length - 1)),
        Tuple.of(1, hex(length + 1)),
        Tuple.of(
            1,
            Combinators.combine(hex(length), Arbitraries.integers().between(0, length - 1), odd())
                .as((s, at, c) -> s.substring(0, at) + c + s.substring(at + 1))));
  }

  /** Characters no id holds: non-hex, uppercase, separators, controls, beyond ASCII. */
  static Arbitrary<Character> odd() {
    return Arbitraries.of(
        'g', 'G', 'F', 'x', '-', ',', ' ', '\t', '.', '\u0000', '\u007f', '\u00e9', '\u0130',
        '\uff10', '\uffff');
  }

  /** Mostly nothing; sometimes spaces and tabs, or whitespace that is not HTTP's. */
  static Arbitrary<String> ows() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just("")),
        Tuple.of(3, Arbitraries.of(" ", "\t", " \t", "  ")),
        Tuple.of(1, Arbitraries.of("\u00a0", "\u000b", "\n", "\r\n")));
  }

  static Arbitrary<String> padded(Arbitrary<String> values) {
    return Combinators.combine(ows(), values, ows()).as((l, v, r) -> l + v + r);
  }

  /** Up to two characters of a value replaced, inserted or deleted; mostly none. */
  static Arbitrary<UnaryOperator<String>> edits() {
    Arbitrary<Character> chars =
        Arbitraries.oneOf(Arbitraries.of('0', '1', 'a', 'f', 'd', '-', ',', ' ', '\t'), odd());
    Arbitrary<int[]> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 80), chars)
            .as((kind, at, c) -> new int[] {kind, at, c});
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(UnaryOperator.<String>identity())),
        Tuple.of(
            1,
            edit.list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .map(edits -> s -> PropagationPropertiesTest.edited(s, edits))));
  }
}
