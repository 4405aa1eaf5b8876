package dev.correlog.propagation;

import static dev.correlog.propagation.PeerDifferentialTest.BRAVE;
import static dev.correlog.propagation.PeerDifferentialTest.OTEL_GETTER;
import static dev.correlog.propagation.PeerDifferentialTest.brave;
import static dev.correlog.propagation.PeerDifferentialTest.found;
import static dev.correlog.propagation.PeerDifferentialTest.otel;
import static org.assertj.core.api.Assertions.assertThat;

import brave.propagation.B3Propagation;
import brave.propagation.B3SingleFormat;
import dev.correlog.context.TraceContext;
import dev.correlog.propagation.PeerDifferentialTest.Found;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated and mutated header values through Correlog, OpenTelemetry 1.68 ({@code
 * W3CTraceContextPropagator}, {@code B3Propagator}) and Brave 6.3 ({@code B3Propagation}): the same
 * context found (or none), the same ids and decision, the same tracestate members, and the same
 * headers injected.
 *
 * <p>Where a peer reads a value otherwise, and the difference is deliberate, a named excuse below
 * says which class of values it covers and why (the README's list "Rules where the specs leave a
 * choice, and where the peers differ", the W3C Trace Context spec and test suite, the B3 spec). An
 * excuse either shows the peer the value as the spec reads it (spaces and tabs around a value
 * removed, say) and then compares everything, or, where Correlog must refuse what the peer takes,
 * asserts that Correlog found nothing. Nothing else is excused.
 */
class PeerDifferentialPropertiesTest {
  static final String HEX = "0123456789abcdef";

  /** A valid traceparent, for the tracestate properties. */
  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

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

  private static Arbitrary<String> validMember() {
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
    Map<String, String> theirs = h.forPeers(PeerDifferentialPropertiesTest::trimOws);
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
    Map<String, String> theirs = h.forPeers(PeerDifferentialPropertiesTest::trimOws);
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
            .flatMap(PeerDifferentialPropertiesTest::hex));
  }

  // ---------------------------------------------------------------------------------------------
  // Injection

  record Injected(long high, long low, long span, byte flags, boolean decided, String traceState) {
    TraceContext context() {
      TraceContext c = TraceContext.of(high, low, span, 0, flags, traceState, null);
      return decided ? c : c.withSamplingDeferred();
    }

    SpanContext otel() {
      TraceContext c = context();
      TraceStateBuilder b = TraceState.builder();
      if (traceState != null) {
        String[] members = traceState.split(",");
        for (int i = members.length - 1; i >= 0; i--) {
          int eq = members[i].indexOf('=');
          b.put(members[i].substring(0, eq), members[i].substring(eq + 1));
        }
      }
      return SpanContext.create(
          c.traceIdHex(), c.spanIdHex(), TraceFlags.fromByte(c.flags()), b.build());
    }

    Context otelContext() {
      return Context.root().with(Span.wrap(otel()));
    }

    /** Brave's context; see {@link #braveHolds}. */
    brave.propagation.TraceContext brave() {
      TraceContext c = context();
      return brave.propagation.TraceContext.newBuilder()
          .traceIdHigh(high)
          .traceId(low)
          .spanId(span)
          .sampled(c.isSamplingDecided() ? c.isSampled() : null)
          .build();
    }

    /**
     * Excuse: Brave cannot hold a 128-bit trace id whose lower 64 bits are zero (its builder
     * throws), though both specs allow one (W3C: not all zero; B3: 64 or 128 bits); Correlog sends
     * it, and OpenTelemetry does. Brave is left out for it.
     */
    boolean braveHolds() {
      return low != 0;
    }
  }

  @Property(tries = 2000)
  void inject_w3c_matchesOpenTelemetry(@ForAll("injected") Injected ctx) {
    Map<String, String> ours = new HashMap<>();
    Propagators.w3c().inject(ctx.context(), ours, Carriers.MAP_SETTER);
    Map<String, String> theirs = new HashMap<>();
    w3c().inject(ctx.otelContext(), theirs, Map::put);
    assertThat(ours).as("%s", ctx).isEqualTo(theirs);
  }

  @Property(tries = 2000)
  void inject_b3Single_matchesOpenTelemetryAndBrave(@ForAll("injected") Injected ctx) {
    Map<String, String> ours = new HashMap<>();
    Propagators.b3Single().inject(ctx.context(), ours, Carriers.MAP_SETTER);
    String b3 = ours.get("b3");
    Map<String, String> theirs = new HashMap<>();
    B3Propagator.injectingSingleHeader().inject(ctx.otelContext(), theirs, Map::put);
    assertThat(b3).as("%s", ctx).isEqualTo(withoutDecisionWhenUndecided(ctx, theirs.get("b3")));
    if (ctx.braveHolds()) {
      String braveB3 = B3SingleFormat.writeB3SingleFormatWithoutParentId(ctx.brave());
      assertThat(b3).as("%s", ctx).isEqualTo(with128BitTraceId(braveB3));
    }
  }

  @Property(tries = 2000)
  void inject_b3Multi_matchesOpenTelemetryAndBrave(@ForAll("injected") Injected ctx) {
    Map<String, String> ours = new HashMap<>();
    Propagators.b3Multi().inject(ctx.context(), ours, Carriers.MAP_SETTER);
    Map<String, String> theirs = new HashMap<>();
    B3Propagator.injectingMultiHeaders().inject(ctx.otelContext(), theirs, Map::put);
    if (!ctx.context().isSamplingDecided()) {
      theirs.remove("X-B3-Sampled"); // as withoutDecisionWhenUndecided
    }
    assertThat(ours).as("%s", ctx).isEqualTo(theirs);
    if (ctx.braveHolds()) {
      Map<String, String> braveHeaders = new HashMap<>();
      B3Propagation.get().injector(Map<String, String>::put).inject(ctx.brave(), braveHeaders);
      braveHeaders.computeIfPresent("X-B3-TraceId", (k, t) -> with128BitTraceId(t));
      assertThat(ours).as("%s", ctx).isEqualTo(braveHeaders);
    }
  }

  /**
   * Excuse: OpenTelemetry has no "deferred": an undecided context is sent as not sampled ({@code
   * -0}, {@code X-B3-Sampled: 0}); Correlog sends no decision (README: "injection sends no decision
   * (b3: {trace}-{span}, no X-B3-Sampled) until one is made").
   */
  static String withoutDecisionWhenUndecided(Injected ctx, String b3) {
    return ctx.context().isSamplingDecided() ? b3 : b3.substring(0, 49);
  }

  /**
   * Excuse: Brave writes a trace id whose upper 64 bits are zero as 16 characters; Correlog always
   * writes 32. The B3 spec allows both ("32 or 16 lower-hex characters"), and both read back as the
   * same id.
   */
  static String with128BitTraceId(String b3OrTraceId) {
    int dash = b3OrTraceId.indexOf('-');
    int traceLength = dash < 0 ? b3OrTraceId.length() : dash;
    return traceLength == 16 ? "0".repeat(16) + b3OrTraceId : b3OrTraceId;
  }

  @Provide
  Arbitrary<Injected> injected() {
    Arbitrary<Long> any = Arbitraries.longs();
    Arbitrary<Long> high =
        Arbitraries.frequencyOf(Tuple.of(3, any), Tuple.of(1, Arbitraries.just(0L)));
    Arbitrary<Long> low =
        Arbitraries.frequencyOf(Tuple.of(6, any), Tuple.of(1, Arbitraries.just(0L)));
    Arbitrary<Long> span = any.filter(v -> v != 0);
    Arbitrary<Byte> flags = Arbitraries.of((byte) 0, (byte) 1, (byte) 2, (byte) 3);
    Arbitrary<String> ts =
        validMember()
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .uniqueElements(m -> m.substring(0, m.indexOf('=')))
            .map(ms -> String.join(",", ms))
            .injectNull(0.4);
    return Combinators.combine(high, low, span, flags, Arbitraries.of(true, true, false), ts)
        .as(
            (h, l, s, f, decided, t) ->
                new Injected(h, h == 0 && l == 0 ? 1 : l, s, f, decided, t));
  }

  // ---------------------------------------------------------------------------------------------
  // Shared generators

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
