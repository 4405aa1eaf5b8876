package dev.correlog.propagation;

import static dev.correlog.propagation.PeerDifferentialTest.BRAVE;
import static dev.correlog.propagation.PeerDifferentialTest.brave;
import static dev.correlog.propagation.PeerDifferentialTest.found;
import static dev.correlog.propagation.PeerDifferentialTest.otel;
import static dev.correlog.propagation.PeerVectors.HEX;
import static dev.correlog.propagation.PeerVectors.edits;
import static dev.correlog.propagation.PeerVectors.hex;
import static dev.correlog.propagation.PeerVectors.id;
import static dev.correlog.propagation.PeerVectors.ows;
import static dev.correlog.propagation.PeerVectors.padded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.propagation.PeerDifferentialTest.Found;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated and mutated {@code b3} and {@code X-B3-*} headers through Correlog, Brave 6.3 and
 * OpenTelemetry 1.68, as {@link PeerDifferentialW3cTest} does for W3C; the same rule for excuses.
 */
class PeerDifferentialB3Test {
  /** B3 headers as sent, each null when absent. */
  record B3Headers(
      String b3,
      String traceId,
      String spanId,
      String parentId,
      String sampled,
      String flags,
      int style,
      boolean others) {
    static final String[] NAMES = {
      "b3", "X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags"
    };

    String[] values() {
      return new String[] {b3, traceId, spanId, parentId, sampled, flags};
    }

    /** Correlog's carrier: a plain map, names in the case of this style, maybe other headers. */
    Map<String, String> forCorrelog() {
      Map<String, String> m = new HashMap<>();
      String[] v = values();
      for (int i = 0; i < NAMES.length; i++) {
        if (v[i] != null) {
          String name =
              style % 3 == 0
                  ? NAMES[i]
                  : style % 3 == 1 ? NAMES[i].toLowerCase() : NAMES[i].toUpperCase();
          m.put(name, v[i]);
        }
      }
      if (others) {
        m.put("accept", "*/*");
        m.put("user-agent", "x");
      }
      return m;
    }

    Propagator propagator() {
      return style < 3 ? Propagators.b3Multi() : Propagators.b3Single();
    }

    /** The peers' carrier: names in any case, each value as {@code shown} makes it (or absent). */
    Map<String, String> forPeers(UnaryOperator<String> shown) {
      Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      String[] v = values();
      for (int i = 0; i < NAMES.length; i++) {
        String s = v[i] == null ? null : shown.apply(v[i]);
        if (s != null) {
          m.put(NAMES[i], s);
        }
      }
      return m;
    }
  }

  @Property(tries = 5000)
  void b3_agreesWithBrave(@ForAll("b3Headers") B3Headers h) {
    Extracted e = h.propagator().extract(h.forCorrelog(), Carriers.MAP_GETTER);
    Map<String, String> theirs = h.forPeers(PeerVectors::trimOws);
    capB3(h, theirs);
    unknownSampledIsAbsent(theirs);
    braveTakesIdsOfOtherLengths(theirs);
    braveDropsZeroParentHeader(theirs);
    assertThat(found(e)).as("%s", h).isEqualTo(brave(theirs));
    if (e.context() != null) {
      long parent = BRAVE.extract(theirs).context().parentIdAsLong();
      assertThat(e.context().parentSpanId()).as("parent of %s", h).isEqualTo(parent);
    }
  }

  @Property(tries = 5000)
  void b3_agreesWithOpenTelemetry_onIds(@ForAll("b3Headers") B3Headers h) {
    Found ours = found(h.propagator().extract(h.forCorrelog(), Carriers.MAP_GETTER));
    Map<String, String> theirs = h.forPeers(PeerVectors::trimOws);
    capB3(h, theirs);
    String b3 = theirs.get("b3");
    if (b3 != null && loneDecision(b3)) {
      assertThat(ours.traceId()).as("%s", h).isNull();
      return;
    }
    otelTakesUnknownSamplingField(theirs);
    otelTakesTrailingHyphen(theirs);
    otelDoesNotCheckParent(theirs);
    Found otel = otel(theirs, B3Propagator.injectingMultiHeaders());
    assertThat(ours.traceId()).as("trace id of %s", h).isEqualTo(otel.traceId());
    assertThat(ours.spanId()).as("span id of %s", h).isEqualTo(otel.spanId());
    if (ours.traceId() != null && !ours.sampled().isEmpty()) {
      assertThat(ours.sampled()).as("decision of %s", h).isEqualTo(otel.sampled());
    }
  }

  /*
   * The excuses of the B3 properties. Each changes what a peer is shown, so that the peer reads
   * the headers as the spec and the README say, and then everything is compared.
   */

  /**
   * A {@code b3} over 512 characters is read as if absent, before any space is removed (README:
   * "when it is absent, longer than 512 characters or invalid (b3: garbage), the X-B3-* headers are
   * read as if it were absent"; and "Hostile input": b3 and X-B3-* 512). The peers are shown no
   * {@code b3} then.
   */
  static void capB3(B3Headers h, Map<String, String> peers) {
    if (h.b3() != null && h.b3().length() > 512) {
      peers.remove("b3");
    }
  }

  /**
   * An {@code X-B3-Sampled} other than 0, 1, true or false (any case) counts as absent (README:
   * "X-B3-Sampled other than 0/1/true/false counts as absent"): the ids are kept, undecided. Brave
   * drops the whole context; it is shown no {@code X-B3-Sampled} then.
   */
  static void unknownSampledIsAbsent(Map<String, String> peers) {
    String s = peers.get("X-B3-Sampled");
    if (s != null
        && !s.equals("0")
        && !s.equals("1")
        && !s.equalsIgnoreCase("true")
        && !s.equalsIgnoreCase("false")) {
      peers.remove("X-B3-Sampled");
    }
  }

  /**
   * {@code X-B3-TraceId} is 16 or 32 lower-hex characters, {@code X-B3-SpanId} and {@code
   * X-B3-ParentSpanId} 16 (the B3 spec; README: "Brave also takes shorter X-B3-* ids"). An id of
   * another length is shown to Brave as one it refuses too ({@code x}).
   */
  static void braveTakesIdsOfOtherLengths(Map<String, String> peers) {
    peers.computeIfPresent(
        "X-B3-TraceId", (k, v) -> v.length() == 16 || v.length() == 32 ? v : "x");
    peers.computeIfPresent("X-B3-SpanId", (k, v) -> v.length() == 16 ? v : "x");
    peers.computeIfPresent("X-B3-ParentSpanId", (k, v) -> v.length() == 16 ? v : "x");
  }

  /**
   * An all-zero {@code X-B3-ParentSpanId} means "no parent" and the ids are kept (README: "An
   * all-zero parent span id in b3 ... or X-B3-ParentSpanId means no parent ... Brave drops the
   * X-B3-* ids when X-B3-ParentSpanId is all zero"). It is shown no {@code X-B3-ParentSpanId}.
   */
  static void braveDropsZeroParentHeader(Map<String, String> peers) {
    peers.remove("X-B3-ParentSpanId", "0".repeat(16));
  }

  /**
   * A lone decision in {@code b3} ({@code 0}, {@code 1}, {@code d}) wins over the {@code X-B3-*}
   * ids (README: "a valid b3 (ids, or a lone 0/1/d) wins ... As Brave; OpenTelemetry ignores a lone
   * b3: 1 and reads the X-B3-* ids instead"). Correlog must find no ids then.
   */
  static boolean loneDecision(String b3) {
    return b3.equals("0") || b3.equals("1") || b3.equals("d");
  }

  /**
   * A {@code b3} whose third field is not a sampling state ({@code 0}, {@code 1}, {@code d}) nor,
   * as the last field, a parent span id is invalid, and the {@code X-B3-*} headers are read
   * (README: "An unknown b3 sampling field (-x) makes the header invalid, as in Brave
   * (OpenTelemetry reads it as not sampled)"). OpenTelemetry is shown no {@code b3} then.
   */
  static void otelTakesUnknownSamplingField(Map<String, String> peers) {
    String b3 = peers.get("b3");
    String[] f = b3 == null ? new String[0] : b3.split("-");
    if (f.length == 3 || f.length == 4) {
      boolean state = f[2].equals("0") || f[2].equals("1") || f[2].equals("d");
      if (!state && !(f.length == 3 && lowerHex(f[2], 16))) {
        peers.remove("b3");
      }
    }
  }

  /**
   * A {@code b3} ending in {@code -} is invalid (its last field is empty), as in Brave;
   * OpenTelemetry splits it with {@code String.split}, which drops trailing empty fields, and reads
   * it. It is shown no {@code b3} then (README: "and so does a b3 ending in - ({trace}-{span}-),
   * which OpenTelemetry reads as if the - were not there").
   */
  static void otelTakesTrailingHyphen(Map<String, String> peers) {
    String b3 = peers.get("b3");
    if (b3 != null && b3.endsWith("-")) {
      peers.remove("b3");
    }
  }

  /**
   * The parent span id is checked: 16 lower-hex characters (the B3 spec), in {@code b3}'s fourth
   * field or in {@code X-B3-ParentSpanId}, or the ids are invalid, as in Brave (README: "Ids are
   * checked as the B3 spec writes them ... OpenTelemetry does not read the parent at all"). It is
   * shown no {@code b3} when the {@code b3} parent is bad, and no {@code X-B3-TraceId} when {@code
   * X-B3-ParentSpanId} is.
   */
  static void otelDoesNotCheckParent(Map<String, String> peers) {
    String b3 = peers.get("b3");
    String[] f = b3 == null ? new String[0] : b3.split("-");
    if (f.length == 4 && !lowerHex(f[3], 16)) {
      peers.remove("b3");
    }
    String parent = peers.get("X-B3-ParentSpanId");
    if (parent != null && !lowerHex(parent, 16)) {
      peers.remove("X-B3-TraceId");
    }
  }

  static boolean lowerHex(String s, int length) {
    return s.length() == length && s.chars().allMatch(c -> HEX.indexOf(c) >= 0);
  }

  @Provide
  Arbitrary<B3Headers> b3Headers() {
    Arbitrary<String> multiTrace =
        padded(
                Arbitraries.frequencyOf(
                    Tuple.of(5, hex(32)),
                    Tuple.of(3, hex(16)),
                    Tuple.of(4, traceIdOddities()),
                    Tuple.of(1, Arbitraries.of("", "x", "1")),
                    Tuple.of(1, hex(32).map(t -> t + "," + t)),
                    Tuple.of(1, hex(600))))
            .injectNull(0.3);
    Arbitrary<String> multiSpan = padded(id(16)).injectNull(0.2);
    Arbitrary<String> multiParent = padded(id(16)).injectNull(0.6);
    Arbitrary<String> sampled =
        Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("1", "0")),
                Tuple.of(2, Arbitraries.of("true", "false", "TRUE", "False")),
                Tuple.of(2, Arbitraries.of("d", "2", "yes", "", " 1", "0 ", "\t1", "10", "1,1")),
                Tuple.of(1, Arbitraries.of(" ".repeat(20) + "1", "true" + "\t".repeat(14))))
            .injectNull(0.4);
    Arbitrary<String> flags =
        Arbitraries.of("1", "1", "0", "2", "true", " 1", "", "1,1", " ".repeat(20) + "1")
            .injectNull(0.7);
    return Combinators.combine(
            b3Single(),
            multiTrace,
            multiSpan,
            multiParent,
            sampled,
            flags,
            Arbitraries.integers().between(0, 5),
            Arbitraries.of(false, false, true))
        .as(B3Headers::new);
  }

  private static Arbitrary<String> b3Single() {
    Arbitrary<String> trace =
        Arbitraries.frequencyOf(
            Tuple.of(4, hex(32)), Tuple.of(3, hex(16)), Tuple.of(3, traceIdOddities()));
    Arbitrary<String> sampling =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just("")),
            Tuple.of(6, Arbitraries.of("-1", "-0", "-d")),
            Tuple.of(1, Arbitraries.of("-x", "-true", "-", "-D", "-11", "-00", "-f", "--")));
    Arbitrary<String> parent =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just("")),
            Tuple.of(3, hex(16).map(p -> "-" + p)),
            Tuple.of(2, id(16).map(p -> "-" + p)),
            Tuple.of(1, Arbitraries.of("-", "-1", "-0000000000000000-1", "-1-1")));
    Arbitrary<String> built =
        Combinators.combine(trace, id(16), sampling, parent, ows(), ows())
            .as((t, s, f, p, lead, trail) -> lead + t + "-" + s + f + p + trail);
    return Arbitraries.frequencyOf(
            Tuple.of(8, built),
            Tuple.of(2, Combinators.combine(built, edits()).as((b, edit) -> edit.apply(b))),
            Tuple.of(
                2,
                Arbitraries.of(
                    "0", "1", "d", "x", "", "true", "D", " 1 ", "\t0", "1-1", "0-1", "garbage")),
            Tuple.of(1, built.map(b -> b + "," + b)),
            Tuple.of(1, built.map(b -> b + " ".repeat(600))))
        .injectNull(0.35);
  }

  /** Trace ids that are valid but unusual, or invalid in some way. */
  private static Arbitrary<String> traceIdOddities() {
    return Arbitraries.oneOf(
        hex(16).map(low -> "0".repeat(16) + low), // upper half zero
        hex(16).map(high -> high + "0".repeat(16)), // lower half zero
        Arbitraries.of("0".repeat(32), "0".repeat(16)),
        Combinators.combine(Arbitraries.of("zzzzzzzzzzzzzzzz", "ABCDEF0123456789"), hex(16))
            .as((bad, low) -> bad + low), // a 128-bit id whose upper half is not lowercase hex
        hex(32).map(String::toUpperCase),
        Arbitraries.integers()
            .between(2, 33)
            .filter(n -> n != 16 && n != 32)
            .flatMap(PeerVectors::hex));
  }

  // ---------------------------------------------------------------------------------------------
  // Injection
}
