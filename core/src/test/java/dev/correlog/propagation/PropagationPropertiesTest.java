package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.context.TraceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips of valid contexts, and extraction of arbitrary input. */
class PropagationPropertiesTest {
  static final String SAFE =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._:@/+=";
  static final List<String> HEADERS =
      List.of(
          "traceparent",
          "tracestate",
          "b3",
          "X-B3-TraceId",
          "X-B3-SpanId",
          "X-B3-ParentSpanId",
          "X-B3-Sampled",
          "X-B3-Flags",
          "x-request-id");
  static final List<Propagator> ALL =
      List.of(
          Propagators.w3c(),
          Propagators.b3Single(),
          Propagators.b3Multi(),
          Propagators.requestId(),
          Propagators.defaults());

  private static TraceContext roundTrip(Propagator p, TraceContext ctx) {
    Map<String, String> carrier = new HashMap<>();
    p.inject(ctx, carrier, Carriers.MAP_SETTER);
    return p.extract(carrier, Carriers.MAP_GETTER).context();
  }

  @Property
  void w3c_injectThenExtract_roundTrips(@ForAll("contexts") TraceContext ctx) {
    assertThat(roundTrip(Propagators.w3c(), ctx))
        .isEqualTo(ids(ctx, ctx.flags(), ctx.traceState(), null));
  }

  @Property
  void b3Single_injectThenExtract_roundTrips(@ForAll("contexts") TraceContext ctx) {
    assertThat(roundTrip(Propagators.b3Single(), ctx))
        .isEqualTo(ids(ctx, (byte) (ctx.flags() & TraceContext.FLAG_SAMPLED), null, null));
  }

  @Property
  void b3Multi_injectThenExtract_roundTrips(@ForAll("contexts") TraceContext ctx) {
    assertThat(roundTrip(Propagators.b3Multi(), ctx))
        .isEqualTo(ids(ctx, (byte) (ctx.flags() & TraceContext.FLAG_SAMPLED), null, null));
  }

  @Property
  void defaults_injectThenExtract_roundTrips(@ForAll("contexts") TraceContext ctx) {
    TraceContext expected =
        ids(ctx, ctx.flags(), ctx.traceState(), ctx.hasRequestId() ? ctx.requestId() : null);
    assertThat(roundTrip(Propagators.defaults(), ctx)).isEqualTo(expected);
  }

  @Property
  void defaults_roundTripThroughMultiValuedHeaders(@ForAll("contexts") TraceContext ctx) {
    TestHeaders carrier = new TestHeaders();
    Propagators.defaults().inject(ctx, carrier, TestHeaders.SETTER);
    TraceContext back = Propagators.defaults().extract(carrier, TestHeaders.GETTER).context();
    assertThat(back.traceIdHex()).isEqualTo(ctx.traceIdHex());
    assertThat(back.spanId()).isEqualTo(ctx.spanId());
    assertThat(back.requestId()).isEqualTo(ctx.requestId());
  }

  @Property(tries = 300)
  void extract_arbitraryValueInAnyHeader_neverThrows(
      @ForAll("headerNames") String header, @ForAll("anyValues") String value) {
    Map<String, String> carrier = Map.of(header, value);
    for (Propagator p : ALL) {
      p.extract(carrier, Carriers.MAP_GETTER).context();
      assertThat(Propagation.startServerSpan(carrier, Carriers.MAP_GETTER, p)).isNotNull();
    }
  }

  @Property(tries = 300)
  void extract_arbitraryValuesInEveryHeader_neverThrows(
      @ForAll("anyValues") String a, @ForAll("anyValues") String b, @ForAll("anyValues") String c) {
    TestHeaders carrier = new TestHeaders();
    String[] values = {a, b, c};
    for (int i = 0; i < HEADERS.size(); i++) {
      carrier.add(HEADERS.get(i), values[i % 3]);
    }
    carrier.add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    for (Propagator p : ALL) {
      p.extract(carrier, TestHeaders.GETTER).context();
      assertThat(Propagation.startServerSpan(carrier, TestHeaders.GETTER, p)).isNotNull();
    }
  }

  /** Reference reading of the traceparent rules, slow and obviously right. */
  static final Pattern TRACEPARENT =
      Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^,]*)?");

  @Property(tries = 2000)
  void traceparent_mutated_agreesWithReference(@ForAll("mutatedTraceparents") String value) {
    TraceContext ctx =
        Propagators.w3c().extract(Map.of("traceparent", value), Carriers.MAP_GETTER).context();
    String trimmed = value.replaceAll("^[ \\t]+|[ \\t]+$", "");
    Matcher m = TRACEPARENT.matcher(trimmed);
    boolean valid =
        value.length() <= 512
            && m.matches()
            && !m.group(1).equals("ff")
            && (m.group(5) == null || !m.group(1).equals("00"))
            && !m.group(2).equals("0".repeat(32))
            && !m.group(3).equals("0".repeat(16));
    assertThat(ctx != null).as("extracted %s", value).isEqualTo(valid);
    if (valid) {
      assertThat(ctx.traceIdHex()).isEqualTo(m.group(2));
      assertThat(ctx.spanIdHex()).isEqualTo(m.group(3));
      assertThat(ctx.flags()).isEqualTo((byte) (Integer.parseInt(m.group(4), 16) & 3));
    }
  }

  /** Reference reading of the b3 single rules. */
  /**
   * Reference reading of {@code b3}: {@code {trace}-{span}[-{sampling}[-{parent}]]}, and, as
   * OpenTelemetry and Brave read it, {@code {trace}-{span}-{parent}} (no sampling field: a deferred
   * decision). An all-zero parent means "no parent"; the context is kept.
   */
  static final Pattern B3 =
      Pattern.compile(
          "([0-9a-f]{16}|[0-9a-f]{32})-([0-9a-f]{16})"
              + "(?:-([01d])(?:-([0-9a-f]{16}))?|-([0-9a-f]{16}))?");

  @Property(tries = 2000)
  void b3Single_mutated_agreesWithReference(@ForAll("mutatedB3") String value) {
    TraceContext ctx =
        Propagators.b3Single().extract(Map.of("b3", value), Carriers.MAP_GETTER).context();
    String trimmed = value.replaceAll("^[ \\t]+|[ \\t]+$", "");
    Matcher m = B3.matcher(trimmed);
    boolean valid =
        value.length() <= 512
            && m.matches()
            && !m.group(1).matches("0+")
            && !m.group(2).equals("0".repeat(16));
    assertThat(ctx != null).as("extracted %s", value).isEqualTo(valid);
    if (valid) {
      assertThat(ctx.traceIdHex()).endsWith(m.group(1));
      assertThat(ctx.spanIdHex()).isEqualTo(m.group(2));
      assertThat(ctx.isSampled()).isEqualTo(m.group(3) != null && !m.group(3).equals("0"));
      assertThat(ctx.isSamplingDecided()).isEqualTo(m.group(3) != null);
      String parent = m.group(4) != null ? m.group(4) : m.group(5);
      long parentId = parent == null ? 0 : Long.parseUnsignedLong(parent, 16);
      assertThat(ctx.parentSpanId()).as("parent of %s", value).isEqualTo(parentId);
    }
  }

  /** Reference reading of one tracestate member (W3C Trace Context Level 2 keys). */
  static final Pattern MEMBER =
      Pattern.compile(
          "([a-z0-9][a-z0-9_\\-*/@]{0,255})"
              + "=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

  @Property(tries = 3000)
  void tracestate_mutated_agreesWithReference(@ForAll("mutatedTracestates") String value) {
    TraceContext ctx =
        Propagators.w3c()
            .extract(
                Map.of(
                    "traceparent",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                    "tracestate",
                    value),
                Carriers.MAP_GETTER)
            .context();
    assertThat(ctx.traceState())
        .as("tracestate of %s", value)
        .isEqualTo(referenceTracestate(value));
  }

  /** The normalised tracestate, or null when the reference reading rejects it. */
  static String referenceTracestate(String value) {
    List<String> members = new java.util.ArrayList<>();
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (String raw : value.split(",", -1)) {
      String m = raw.replaceAll("^[ \\t]+|[ \\t]+$", "");
      if (m.isEmpty()) {
        continue;
      }
      Matcher matcher = MEMBER.matcher(m);
      if (!matcher.matches()) {
        return null;
      }
      if (keys.add(matcher.group(1))) { // a duplicated key: only the later member is dropped
        members.add(m);
      }
    }
    return members.isEmpty() || members.size() > 32 ? null : String.join(",", members);
  }

  @Provide
  Arbitrary<String> mutatedTracestates() {
    return Arbitraries.oneOf(
        mutated("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
        mutated(" a=1 ,\tb@c=2 ,, t0@x*/=v=w "),
        mutated("k1=v,k2=v,k1x=v"),
        mutated("a=1,b=2,a=3,1@x=4"),
        Arbitraries.strings().withChars("ab1@=, \t").ofMaxLength(40));
  }

  @Provide
  Arbitrary<TraceContext> contexts() {
    Arbitrary<Long> any = Arbitraries.longs();
    Arbitrary<Long> nonZero = Arbitraries.longs().filter(v -> v != 0);
    Arbitrary<Byte> flags = Arbitraries.of((byte) 0, (byte) 1, (byte) 2, (byte) 3);
    Arbitrary<String> requestIds =
        Arbitraries.strings().withChars(SAFE).ofMinLength(1).ofMaxLength(128).injectNull(0.3);
    return Combinators.combine(any, any, nonZero, nonZero, flags, traceStates(), requestIds)
        .as(
            (high, low, span, parent, f, ts, rid) ->
                TraceContext.of(high, high == 0 && low == 0 ? 1 : low, span, parent, f, ts, rid));
  }

  /** Valid, clean tracestate values under 512 characters, or null. */
  Arbitrary<String> traceStates() {
    Arbitrary<String> simpleKey =
        Combinators.combine(
                Arbitraries.chars().range('a', 'z'),
                Arbitraries.strings()
                    .withChars("abcdefghijklmnopqrstuvwxyz0123456789_-*/")
                    .ofMaxLength(12))
            .as((first, rest) -> first + rest);
    Arbitrary<String> tenantKey =
        Combinators.combine(
                Arbitraries.strings().withChars("abc0123456789").ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().withChars("xyz").ofMinLength(1).ofMaxLength(6))
            .as((tenant, system) -> tenant + "@" + system);
    Arbitrary<String> key = Arbitraries.oneOf(simpleKey, tenantKey);
    String valueChars = W3cTracestateTest.VALUE_CHARS;
    Arbitrary<String> value =
        Combinators.combine(
                Arbitraries.strings().withChars(valueChars).ofMaxLength(20),
                Arbitraries.strings().withChars(valueChars.substring(1)).ofLength(1))
            .as((body, last) -> body + last);
    Arbitrary<String> member = Combinators.combine(key, value).as((k, v) -> k + "=" + v);
    return member
        .list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .uniqueElements(m -> m.substring(0, m.indexOf('=')))
        .map(ms -> String.join(",", ms))
        .injectNull(0.3);
  }

  @Provide
  Arbitrary<String> headerNames() {
    return Arbitraries.of(HEADERS);
  }

  @Provide
  Arbitrary<String> anyValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(3000),
        Arbitraries.strings().withChars("0123456789abcdefABCDEF-,=@ \t01d").ofMaxLength(120),
        mutated("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
        mutated("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"),
        mutated("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"));
  }

  @Provide
  Arbitrary<String> mutatedTraceparents() {
    return Arbitraries.oneOf(
        mutated("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
        mutated("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03-future"),
        mutated("00-00000000000000000000000000000001-0000000000000001-00"));
  }

  @Provide
  Arbitrary<String> mutatedB3() {
    return Arbitraries.oneOf(
        mutated("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"),
        mutated("a3ce929d0e0e4736-00f067aa0ba902b7-d"),
        mutated("0000000000000001-0000000000000001"));
  }

  /** {@code valid} with up to three characters replaced, inserted or deleted. */
  private static Arbitrary<String> mutated(String valid) {
    Arbitrary<Character> chars =
        Arbitraries.of('0', '1', 'a', 'f', 'd', 'F', 'g', '-', ',', ' ', '\t', '.');
    Arbitrary<int[]> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, valid.length() + 4),
                chars)
            .as((kind, at, c) -> new int[] {kind, at, c});
    return edit.list().ofMaxSize(3).map(edits -> edited(valid, edits));
  }

  /**
   * {@code s} with {@code edits} made in turn, each {@code {kind, at, char}}: 0 replaces the
   * character at {@code at}, 1 inserts one there, 2 deletes it ({@code at} capped at the length).
   */
  static String edited(String s, List<int[]> edits) {
    StringBuilder b = new StringBuilder(s);
    for (int[] e : edits) {
      int at = Math.min(e[1], b.length());
      if (e[0] == 0 && at < b.length()) {
        b.setCharAt(at, (char) e[2]);
      } else if (e[0] == 1) {
        b.insert(at, (char) e[2]);
      } else if (at < b.length()) {
        b.deleteCharAt(at);
      }
    }
    return b.toString();
  }

  private static TraceContext ids(TraceContext c, byte flags, String traceState, String rid) {
    return TraceContext.of(c.traceIdHigh(), c.traceIdLow(), c.spanId(), 0, flags, traceState, rid);
  }
}
