package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.correlog.context.TraceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** tracestate rules, with the examples of the W3C trace-context test suite. */
class W3cTracestateTest {
  static final String TRACEPARENT = "00-12345678901234567890123456789012-1234567890123456-00";
  static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
  static final String VALUE_CHARS = valueChars();

  private static String valueChars() {
    StringBuilder b = new StringBuilder();
    for (char c = 0x20; c <= 0x7e; c++) {
      if (c != ',' && c != '=') {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The tracestate extracted with a valid traceparent and these tracestate headers, in order. */
  private static String extracted(String... tracestates) {
    TestHeaders h = TestHeaders.of("traceparent", TRACEPARENT);
    for (String ts : tracestates) {
      h.add("tracestate", ts);
    }
    TraceContext ctx = Propagators.w3c().extract(h, TestHeaders.GETTER).context();
    assertThat(ctx).as("a bad tracestate never invalidates the traceparent").isNotNull();
    return ctx.traceState();
  }

  private static String injected(String traceState) {
    TraceContext ctx = TraceContext.of(1, 2, 3, 0, (byte) 1, traceState, null);
    TestHeaders out = new TestHeaders();
    Propagators.w3c().inject(ctx, out, TestHeaders.SETTER);
    assertThat(out.get("traceparent")).isNotNull();
    return out.get("tracestate");
  }

  static Stream<Arguments> keptTracestates() {
    String allKey = KEY_CHARS;
    return Stream.of(
        arguments("one member", new String[] {"foo=1"}, "foo=1"),
        arguments("two members", new String[] {"foo=1,bar=2"}, "foo=1,bar=2"),
        arguments(
            "headers joined in order",
            new String[] {"foo=1,bar=2", "rojo=1,congo=2", "baz=3"},
            "foo=1,bar=2,rojo=1,congo=2,baz=3"),
        arguments("empty header after", new String[] {"foo=1", ""}, "foo=1"),
        arguments("empty header before", new String[] {"", "foo=1"}, "foo=1"),
        arguments("empty members", new String[] {",foo=1,,bar=2,"}, "foo=1,bar=2"),
        arguments(
            "ows around members",
            new String[] {"foo=1 \t , \t bar=2, \t baz=3"},
            "foo=1,bar=2,baz=3"),
        arguments("tabs around members", new String[] {"foo=1\t \t,\t \tbar=2"}, "foo=1,bar=2"),
        arguments("leading space", new String[] {" foo=1"}, "foo=1"),
        arguments("leading tab", new String[] {"\tfoo=1"}, "foo=1"),
        arguments("trailing space", new String[] {"foo=1 "}, "foo=1"),
        arguments("trailing tab", new String[] {"foo=1\t"}, "foo=1"),
        arguments("both sides", new String[] {"\t foo=1 \t"}, "foo=1"),
        arguments("value with inner spaces", new String[] {"foo=a b  c"}, "foo=a b  c"),
        arguments("value starting with a space", new String[] {"foo= 1"}, "foo= 1"),
        arguments(
            "all allowed characters, simple key",
            new String[] {allKey + "=" + VALUE_CHARS},
            allKey + "=" + VALUE_CHARS),
        arguments(
            "all allowed characters, multi-tenant key",
            new String[] {allKey + "@a-z0-9_-*/=" + VALUE_CHARS},
            allKey + "@a-z0-9_-*/=" + VALUE_CHARS),
        arguments("tenant starting with a digit", new String[] {"1tenant@sys=x"}, "1tenant@sys=x"),
        arguments("key of 256", new String[] {"foo=1", "z".repeat(256) + "=1"}, null),
        arguments(
            "tenant 241, system 14",
            new String[] {"foo=1", "t".repeat(241) + "@" + "v".repeat(14) + "=1"},
            null),
        arguments("value of 256", new String[] {"foo=" + "v".repeat(256)}, null),
        arguments("32 members", new String[] {members(1, 32)}, members(1, 32)),
        arguments(
            "32 members in 4 headers",
            new String[] {members(1, 10), members(11, 20), members(21, 30), members(31, 32)},
            members(1, 32)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keptTracestates")
  void tracestate_valid_isKept(String rule, String[] headers, String expected) {
    String ts = extracted(headers);
    assertThat(ts).isNotNull();
    assertThat(ts).isEqualTo(expected != null ? expected : String.join(",", headers));
  }

  static Stream<Arguments> discardedTracestates() {
    return Stream.of(
        arguments("space inside key", new String[] {"foo =1"}),
        arguments("uppercase key", new String[] {"FOO=1"}),
        arguments("dot in key", new String[] {"foo.bar=1"}),
        arguments("key starting with an at sign", new String[] {"@foo=1,bar=2"}),
        arguments("key starting with an underscore", new String[] {"_foo=1"}),
        arguments("33 members", new String[] {members(1, 33)}),
        arguments("33 members in headers", new String[] {members(1, 30), members(31, 33)}),
        arguments("key of 257", new String[] {"foo=1", "z".repeat(257) + "=1"}),
        arguments(
            "multi-tenant key of 257",
            new String[] {"foo=1", "t".repeat(241) + "@v".repeat(8) + "=1"}),
        arguments("equals in value", new String[] {"foo=bar=baz"}),
        arguments("empty value", new String[] {"foo=,bar=3"}),
        arguments("empty value at end", new String[] {"foo="}),
        arguments("blank value", new String[] {"foo=  "}),
        arguments("value of 257", new String[] {"foo=" + "v".repeat(257)}),
        arguments("tab inside value", new String[] {"foo=a\tb"}),
        arguments("control character in value", new String[] {"foo=a\u0001b"}),
        arguments("non-ascii value", new String[] {"foo=caf\u00e9"}),
        arguments("missing equals", new String[] {"foo"}),
        arguments("missing key", new String[] {"=1"}),
        arguments("only empty members", new String[] {" , ,, "}),
        arguments("empty header", new String[] {""}),
        arguments("over 8192 characters", new String[] {bigMembers(32)}));
  }

  /** Level 2 keys that Level 1 rejected: a digit first, {@code @} anywhere after, 256 long. */
  static Stream<Arguments> level2Keys() {
    return Stream.of(
        arguments("key starting with a digit", "1foo=1"),
        arguments("digits only", "42=1"),
        arguments("multi-tenant key", "tenant@vendor=1"),
        arguments("tenant starting with a digit", "1tenant@vendor=1"),
        arguments("system starting with a digit", "foo@1bar=1"),
        arguments("at sign last", "foo@=1,bar=2"),
        arguments("two at signs", "foo@bar@baz=1,bar=2"),
        arguments("tenant of 242", "foo=1," + "t".repeat(242) + "@v=1"),
        arguments("system of 15", "foo=1,t@" + "v".repeat(15) + "=1"),
        arguments("key of 256", "z".repeat(256) + "=1"),
        arguments("multi-tenant key of 256", "t".repeat(254) + "@v=1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("level2Keys")
  void tracestate_level2Key_isKept(String rule, String header) {
    assertThat(extracted(header)).isEqualTo(header);
  }

  static Stream<Arguments> duplicates() {
    return Stream.of(
        arguments("same value", new String[] {"foo=1,foo=1"}, "foo=1"),
        arguments("other value: the first wins", new String[] {"foo=1,foo=2"}, "foo=1"),
        arguments("across headers", new String[] {"foo=1", "foo=1"}, "foo=1"),
        arguments("after others", new String[] {"a=1,b=2,c=3,b=4"}, "a=1,b=2,c=3"),
        arguments("in the middle", new String[] {"a=1,b=2,a=3,c=4"}, "a=1,b=2,c=4"),
        arguments("multi-tenant", new String[] {"t@v=1,x=2,t@v=3"}, "t@v=1,x=2"),
        arguments("thrice", new String[] {"k=1, k=2 ,k=3"}, "k=1"),
        arguments("prefix is not a duplicate", new String[] {"ab=1,a=2,abc=3"}, "ab=1,a=2,abc=3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("duplicates")
  void tracestate_duplicateKey_dropsOnlyTheDuplicate(String rule, String[] headers, String kept) {
    assertThat(extracted(headers)).isEqualTo(kept);
  }

  @Test
  void tracestate_32MembersPlusDuplicates_isKept() {
    String ts = members(1, 32) + ",bar01=again";
    assertThat(extracted(ts)).isEqualTo(members(1, 32));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("discardedTracestates")
  void tracestate_invalid_isDiscardedWhole(String rule, String[] headers) {
    assertThat(extracted(headers)).isNull();
  }

  @Test
  void tracestate_justUnder8192Characters_isKept() {
    String ts = bigMembers(31);
    assertThat(ts.length()).isLessThanOrEqualTo(8192);
    assertThat(extracted(ts)).isEqualTo(ts);
  }

  @Test
  void tracestate_over8192_thoughValid_isDiscarded() {
    assertThat(bigMembers(32).length()).isGreaterThan(8192);
    assertThat(extracted(bigMembers(32))).isNull();
  }

  @Test
  void tracestate_clean_isKeptAsTheSameString() {
    String ts = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
    TestHeaders h = TestHeaders.of("traceparent", TRACEPARENT, "tracestate", ts);
    assertThat(Propagators.w3c().extract(h, TestHeaders.GETTER).context().traceState())
        .isSameAs(ts);
  }

  @Test
  void tracestate_absent_isNull() {
    assertThat(extracted()).isNull();
  }

  @Test
  void inject_tracestateUpTo512_isWrittenAsIs() {
    String ts = members(1, 32);
    assertThat(injected(ts)).isSameAs(ts);
    String exactly512 = "a=" + "v".repeat(256) + ",b=" + "v".repeat(251);
    assertThat(exactly512).hasSize(512);
    assertThat(injected(exactly512)).isEqualTo(exactly512);
  }

  @Test
  void inject_over512_dropsMembersFromTheEnd() {
    List<String> m = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      m.add("k" + (char) ('a' + i) + "=" + "v".repeat(37)); // 40 characters each
    }
    String ts = String.join(",", m);
    // 12 members: 12 * 40 + 11 = 491; 13 would be 532.
    assertThat(injected(ts)).isEqualTo(String.join(",", m.subList(0, 12)));
  }

  @Test
  void inject_over512_dropsMembersOver128CharactersFirst() {
    String big = "big=" + "v".repeat(200); // 204 characters
    List<String> small = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      small.add("k" + (char) ('a' + i) + "=" + "v".repeat(37));
    }
    String ts =
        String.join(",", small.subList(0, 2))
            + ","
            + big
            + ","
            + String.join(",", small.subList(2, 8));
    assertThat(ts.length()).isGreaterThan(512);
    // Without the big member: 8 * 40 + 7 = 327, which fits; the small ones all stay.
    assertThat(injected(ts)).isEqualTo(String.join(",", small));
  }

  @Test
  void inject_over512_dropsOnlyAsManyLargeMembersAsNeeded() {
    String big1 = "bia=" + "v".repeat(200);
    String big2 = "bib=" + "v".repeat(200);
    String big3 = "bic=" + "v".repeat(200);
    String ts = big1 + ",x=1," + big2 + "," + big3;
    // 204 * 3 + 3 + 3 = 618 > 512: dropping the last large member gives 204+3+204+2 = 413.
    assertThat(injected(ts)).isEqualTo(big1 + ",x=1," + big2);
  }

  @Test
  void inject_messyTracestate_isNormalized() {
    assertThat(injected(" a=1 , ,b=2\t")).isEqualTo("a=1,b=2");
  }

  @Test
  void inject_invalidTracestate_isNotWritten() {
    assertThat(injected("Not Valid")).isNull();
    assertThat(injected("a=1,a=2")).isEqualTo("a=1");
    assertThat(injected("a=1\r\nx-evil: 1")).isNull();
    assertThat(injected("")).isNull();
  }

  /** Members bar01=01 .. barNN=NN. */
  static String members(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> String.format("bar%02d=%02d", i, i))
        .collect(Collectors.joining(","));
  }

  /** {@code n} valid members of 258 characters each. */
  static String bigMembers(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "k" + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "=" + "v".repeat(254))
        .collect(Collectors.joining(","));
  }
}
