package dev.correlog.propagation;

import static dev.correlog.propagation.PeerDifferentialTest.OTEL_GETTER;
import static dev.correlog.propagation.PeerDifferentialTest.found;
import static dev.correlog.propagation.PeerDifferentialTest.otel;
import static dev.correlog.propagation.PeerVectors.TRACEPARENT;
import static dev.correlog.propagation.PeerVectors.edits;
import static dev.correlog.propagation.PeerVectors.hex;
import static dev.correlog.propagation.PeerVectors.id;
import static dev.correlog.propagation.PeerVectors.ows;
import static dev.correlog.propagation.PeerVectors.trimOws;
import static dev.correlog.propagation.PeerVectors.w3c;
import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.propagation.PeerDifferentialTest.Found;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated and mutated {@code traceparent} and {@code tracestate} values through Correlog,
 * OpenTelemetry 1.68 ({@code W3CTraceContextPropagator}, {@code B3Propagator}) and Brave 6.3
 * ({@code B3Propagation}): the same context found (or none), the same ids and decision, the same
 * tracestate members, and the same headers injected.
 *
 * <p>Where a peer reads a value otherwise, and the difference is deliberate, a named excuse below
 * says which class of values it covers and why (the README's list "Rules where the specs leave a
 * choice, and where the peers differ", the W3C Trace Context spec and test suite, the B3 spec). An
 * excuse either shows the peer the value as the spec reads it (spaces and tabs around a value
 * removed, say) and then compares everything, or, where Correlog must refuse what the peer takes,
 * asserts that Correlog found nothing. Nothing else is excused.
 */
class PeerDifferentialW3cTest {
  // ---------------------------------------------------------------------------------------------
  // traceparent

  @Property(tries = 5000)
  void traceparent_agreesWithOpenTelemetry(
      @ForAll("traceparents") String tp, @ForAll("w3cNames") String name) {
    Map<String, String> ours = new HashMap<>();
    ours.put(name, tp);
    ours.put("tracestate", "congo=t61rcWkgMzE");
    Extracted e = Propagators.w3c().extract(ours, Carriers.MAP_GETTER);
    Found found = found(e);
    if (joinedFutureVersion(tp)) {
      assertThat(found.traceId()).as("joined future-version traceparent %s", tp).isNull();
      return;
    }
    Map<String, String> theirs = PeerDifferentialTest.headers(name, trimOws(tp));
    theirs.put("tracestate", "congo=t61rcWkgMzE");
    assertThat(found).as("traceparent %s", tp).isEqualTo(otel(theirs, w3c()));
    if (found.traceId() != null) {
      assertThat(e.context().traceState()).isEqualTo("congo=t61rcWkgMzE");
      assertThat(otelTraceState(theirs)).containsExactly("congo=t61rcWkgMzE");
    }
  }

  /**
   * Excuse: a value of a higher version whose extra fields hold a comma was two headers joined
   * (README: "the rest is checked for a comma (two joined headers)"; the W3C test suite's
   * test_traceparent_duplicated wants a new trace). OpenTelemetry reads the first of them.
   */
  static boolean joinedFutureVersion(String tp) {
    String v = trimOws(tp);
    return v.length() > 55 && !v.startsWith("00") && v.charAt(55) == '-' && v.indexOf(',', 55) > 0;
  }

  @Provide
  Arbitrary<String> w3cNames() {
    return Arbitraries.of("traceparent", "TRACEPARENT", "TraceParent");
  }

  @Provide
  Arbitrary<String> traceparents() {
    Arbitrary<String> version =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just("00")),
            Tuple.of(3, Arbitraries.of("01", "cc", "fe", "ff", "0a", "7f", "80")),
            Tuple.of(2, hex(2)),
            Tuple.of(1, Arbitraries.of("CC", "0A", "FF", "0g", "g0", "0", "000", "", "\u00e90")));
    Arbitrary<String> flags =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.of("00", "01", "02", "03")),
            Tuple.of(3, hex(2)),
            Tuple.of(1, Arbitraries.of("0A", "FF", "0g", "x1", "1", "001", "", "0\u00e9")));
    Arbitrary<String> tail =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just("")),
            Tuple.of(
                3,
                Arbitraries.strings()
                    .withChars("abcxyz0189-._ ,\t")
                    .ofMaxLength(20)
                    .map(s -> "-" + s)),
            Tuple.of(
                1,
                Arbitraries.of(
                    ".what-the-future",
                    "-",
                    "-a,b",
                    "," + TRACEPARENT,
                    ", " + TRACEPARENT,
                    "x",
                    "-" + "x".repeat(600),
                    "\u0000",
                    "-\u00e9")));
    return Combinators.combine(version, id(32), id(16), flags, tail, ows(), ows(), edits())
        .as(
            (v, t, s, f, x, lead, trail, edit) ->
                edit.apply(lead + v + "-" + t + "-" + s + "-" + f + x + trail));
  }

  // ---------------------------------------------------------------------------------------------
  // tracestate

  /**
   * What a tracestate member is: valid (and OpenTelemetry 1.68 reads it so), valid by the Level 2
   * keys but refused by OpenTelemetry, invalid, or empty (nothing or spaces and tabs).
   */
  enum Kind {
    VALID,
    LEVEL2_ONLY,
    INVALID,
    EMPTY
  }

  /** One list member as sent ({@code raw}, with spaces around it) and without the spaces. */
  record Member(String raw, String text, Kind kind) {
    String key() {
      int eq = text.indexOf('=');
      return eq < 0 ? text : text.substring(0, eq);
    }
  }

  record TraceStateVector(List<Member> members) {
    String header() {
      return members.stream().map(Member::raw).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
      return "tracestate '" + header() + "' " + members;
    }
  }

  @Property(tries = 4000)
  void tracestate_agreesWithOpenTelemetry(@ForAll("traceStates") TraceStateVector v) {
    String header = v.header();
    Map<String, String> ours = new HashMap<>();
    ours.put("traceparent", TRACEPARENT);
    ours.put("tracestate", header);
    String kept = Propagators.w3c().extract(ours, Carriers.MAP_GETTER).context().traceState();
    if (header.length() > 8192) { // over8192NotRead
      assertThat(kept).as("%s", v).isNull();
      return;
    }
    Set<String> level2Keys =
        v.members().stream()
            .filter(m -> m.kind() == Kind.LEVEL2_ONLY)
            .map(Member::key)
            .collect(Collectors.toSet());
    List<String> ourMembers = new ArrayList<>();
    if (kept != null) {
      for (String m : kept.split(",")) {
        if (!level2Keys.contains(m.substring(0, m.indexOf('=')))) {
          ourMembers.add(m);
        }
      }
    }
    Set<String> seen = new HashSet<>();
    String theirHeader =
        v.members().stream()
            .filter(m -> m.kind() != Kind.LEVEL2_ONLY)
            .filter(m -> m.kind() != Kind.VALID || seen.add(m.key()))
            .map(Member::raw)
            .collect(Collectors.joining(","));
    Map<String, String> theirs =
        PeerDifferentialTest.headers("traceparent", TRACEPARENT, "tracestate", theirHeader);
    assertThat(ourMembers).as("%s", v).isEqualTo(otelTraceState(theirs));
  }

  /*
   * The excuses of the tracestate property; OpenTelemetry 1.68 otherwise reads it as Correlog does
   * (spaces and tabs around members, empty members, an invalid member or more than 32 dropping the
   * whole header).
   *
   * level2Keys: keys valid at Level 2 (README: "Level 2 keys: [a-z0-9][a-z0-9_-*\/@]{0,255}") that
   * OpenTelemetry refuses, dropping the whole header: a digit first without '@' ("1foo"), '@' last
   * ("foo@") or twice ("a@b@c"), a tenant id over 241 characters. The W3C test suite's
   * test_tracestate_key_illegal_vendor_format wants "foo@" and "foo@bar@baz" kept. OpenTelemetry is
   * shown the header without those members, and Correlog's are compared without them.
   *
   * duplicates: a key seen again drops only the later member (README: "A duplicated key
   * (foo=1,foo=2) drops only the later member"; the W3C test suite's test_tracestate_duplicated_keys
   * lets one be kept); OpenTelemetry 1.68 drops the whole header, so it is shown the first only.
   *
   * over8192NotRead: a header over 8192 characters is not read (README: "values over 8192
   * characters are not read"; the spec asks to propagate at least 512); Correlog must keep nothing.
   */

  static List<String> otelTraceState(Map<String, String> h) {
    TraceState ts =
        Span.fromContext(w3c().extract(Context.root(), h, OTEL_GETTER))
            .getSpanContext()
            .getTraceState();
    List<String> members = new ArrayList<>();
    ts.forEach((k, val) -> members.add(k + "=" + val));
    return members;
  }

  @Provide
  Arbitrary<TraceStateVector> traceStates() {
    Arbitrary<Member> member =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(12, validMember().map(t -> Tuple.of(t, Kind.VALID))),
                    Tuple.of(1, longKeyMember().map(t -> Tuple.of(t, Kind.VALID))),
                    Tuple.of(2, level2Member().map(t -> Tuple.of(t, Kind.LEVEL2_ONLY))),
                    Tuple.of(2, invalidMember().map(t -> Tuple.of(t, Kind.INVALID))),
                    Tuple.of(1, Arbitraries.of("", " ", "\t").map(t -> Tuple.of(t, Kind.EMPTY)))),
                Arbitraries.of("", "", "", "", " ", "\t", " \t "),
                Arbitraries.of("", "", "", "", " ", "\t", " \t "))
            .as((t, l, r) -> new Member(l + t.get1() + r, t.get1(), t.get2()));
    Arbitrary<List<Member>> few = member.list().ofMinSize(1).ofMaxSize(8);
    Arbitrary<List<Member>> many =
        Arbitraries.integers()
            .between(30, 34)
            .map(
                n -> {
                  List<Member> ms = new ArrayList<>();
                  for (int i = 0; i < n; i++) {
                    String m = "k" + i + "=v" + i;
                    ms.add(new Member(m, m, Kind.VALID));
                  }
                  return ms;
                });
    Arbitrary<List<Member>> overLong =
        few.map(
            ms -> {
              List<Member> longer = new ArrayList<>(ms);
              longer.add(new Member(" ".repeat(8200) + "h=1", "h=1", Kind.VALID));
              return longer;
            });
    return Arbitraries.frequencyOf(Tuple.of(30, few), Tuple.of(2, many), Tuple.of(1, overLong))
        .map(TraceStateVector::new);
  }

  static Arbitrary<String> validMember() {
    Arbitrary<String> simpleKey =
        Combinators.combine(
                Arbitraries.chars().range('a', 'z'),
                Arbitraries.strings().withChars("abcxyz0189_-*/").ofMaxLength(10))
            .as((first, rest) -> first + rest);
    Arbitrary<String> tenantKey =
        Combinators.combine(
                Arbitraries.strings().withChars("abc019_-*/").ofMinLength(1).ofMaxLength(6),
                Arbitraries.chars().range('a', 'z'),
                Arbitraries.strings().withChars("xyz019_-*/").ofMaxLength(12))
            .as((tenant, first, rest) -> digitOrLetterFirst(tenant) + "@" + first + rest);
    Arbitrary<String> key =
        Arbitraries.frequencyOf(
            Tuple.of(6, simpleKey),
            Tuple.of(2, tenantKey),
            Tuple.of(
                1,
                Arbitraries.of(
                    "a", "b", "a@1", "1a@b", "t@" + "v".repeat(14), "t".repeat(241) + "@v")));
    return Combinators.combine(key, value()).as((k, v) -> k + "=" + v);
  }

  /** A valid member whose key has 256 characters, the most either Level allows. */
  private static Arbitrary<String> longKeyMember() {
    return value().map(v -> "z".repeat(256) + "=" + v);
  }

  private static String digitOrLetterFirst(String tenant) {
    char c = tenant.charAt(0);
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? tenant : "t" + tenant;
  }

  private static Arbitrary<String> value() {
    String chars = W3cTracestateTest.VALUE_CHARS;
    return Combinators.combine(
            Arbitraries.strings().withChars(chars).ofMaxLength(12),
            Arbitraries.strings().withChars(chars.substring(1)).ofLength(1))
        .as((body, last) -> body + last);
  }

  private static Arbitrary<String> level2Member() {
    Arbitrary<String> key =
        Arbitraries.of(
            "1foo", "0", "9a-b", "foo@", "a@b@c", "foo@@bar", "t".repeat(242) + "@v", "1@");
    return Combinators.combine(key, value()).as((k, v) -> k + "=" + v);
  }

  private static Arbitrary<String> invalidMember() {
    return Arbitraries.of(
        "Foo=1",
        "foo.bar=1",
        "@foo=1",
        "_foo=1",
        "foo=",
        "foo=bar=baz",
        "foo",
        "=1",
        "fo o=1",
        "foo=a\u0001b",
        "foo=\u00e9",
        "foo=a\tb",
        "z".repeat(257) + "=1",
        "foo=" + "v".repeat(257),
        "foo=1\u00a0");
  }

  // ---------------------------------------------------------------------------------------------
  // B3 extraction
}
