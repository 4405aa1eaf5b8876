package dev.correlog.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.internal.propagation.HeaderNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The built-in formats' name lists carry a table ({@link HeaderNames}: by a key's length and last
 * character) that {@code Carriers.MAP_GETTER.getEach} uses to walk a request's header map. With or
 * without the table, the answers are the contract's ({@link MapGetterEachTest#model}), including
 * for names that share their length and last letter, names longer than 63 characters (which share
 * the table's last length entry), keys in any case, and any list a user passes.
 */
class HeaderNamesTableTest {
  static final String LONG_A = "X-" + "a".repeat(70);
  static final String LONG_B = "X-" + "b".repeat(70); // same length and last letter as LONG_A
  static final String LEN_63 = "Y-" + "c".repeat(61);
  static final String LEN_64 = "Y-" + "c".repeat(62);

  /** Names of equal length and last letter, long names, and every built-in name. */
  static final List<String> POOL =
      List.of(
          "b3",
          "X-B3-TraceId",
          "X-B3-SpanId",
          "X-B3-ParentSpanId",
          "X-B3-Sampled",
          "X-B3-Flags",
          "traceparent",
          "tracestate",
          "x-request-id",
          "X-Aa-Id",
          "X-Bb-Id",
          "x-cc-iD",
          LONG_A,
          LONG_B,
          LEN_63,
          LEN_64,
          "");

  /** {@code getEach} through the table, then through a plain list of the same names: both. */
  static String[] bothWays(Map<String, String> map, List<String> names) {
    String[] table = MapGetterEachTest.each(map, HeaderNames.of(names));
    String[] plain = MapGetterEachTest.each(map, new ArrayList<>(names));
    assertThat(table).as("table against a plain list, %s", map).isEqualTo(plain);
    return table;
  }

  static Map<String, String> withFillers(Map<String, String> m, int size) {
    return MapGetterEachTest.request(m, size);
  }

  @Test
  void namesOfEqualLengthAndLastLetter_eachFindsItsOwnKey() {
    List<String> names = List.of("X-Aa-Id", "X-Bb-Id", "x-cc-iD", "X-B3-TraceId", "X-B3-Sampled");
    for (int size : new int[] {6, 20, 64}) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("X-BB-ID", "bb"); // another case of the second name, before the first's
      m.put("x-b3-sampled", "sampled");
      m.put("X-Aa-Id", "aa");
      m.put("X-Dd-Id", "no such name, same length and last letter");
      m.put("X-B3-TraceId", "trace");
      withFillers(m, size);
      String[] v = bothWays(m, names);
      assertThat(v).startsWith("aa", "bb", null, "trace", "sampled", "untouched");
      assertThat(v).isEqualTo(MapGetterEachTest.expected(m, names));
    }
  }

  @Test
  void namesLongerThan63_shareATableEntry_andAreToldApartByLength() {
    List<String> names = List.of(LONG_A, LONG_B, LEN_63, LEN_64, "b3");
    Map<String, String> m = new HashMap<>();
    m.put(LONG_B.toUpperCase(Locale.ROOT), "long b");
    m.put(LEN_64, "64");
    m.put(LEN_63 + "d", "a key of 64 characters that only starts like the 63 one");
    m.put("X-" + "a".repeat(69), "one short of LONG_A");
    m.put("X-" + "a".repeat(71), "one past LONG_A");
    m.put("X-" + "a".repeat(6), "LONG_A's length minus 64");
    withFillers(m, 30);
    String[] v = bothWays(m, names);
    assertThat(v).startsWith(null, "long b", null, "64", null, "untouched");
    assertThat(v).isEqualTo(MapGetterEachTest.expected(m, names));
  }

  @Test
  void keysAllLowercaseOrAllUppercase_areFound_andTheExactKeyStillWins() {
    List<String> names = HeaderNames.of("X-B3-TraceId", "X-B3-SpanId", "X-B3-Sampled", "b3");
    for (boolean upper : new boolean[] {false, true}) {
      Map<String, String> m = new LinkedHashMap<>();
      for (String name : names) {
        String k = upper ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
        m.put(k, "folded " + name);
      }
      m.put("X-B3-SpanId", "exact"); // after its other case: still wins
      withFillers(m, 16);
      String[] v = bothWays(m, names);
      assertThat(v)
          .startsWith(
              "folded X-B3-TraceId", "exact", "folded X-B3-Sampled", "folded b3", "untouched");
    }
  }

  @Test
  void aUserListThatIsNotAConstant_getsTheSameAnswers() {
    List<String> mine = new ArrayList<>(List.of("X-Tenant", "x-b3-traceid", "X-Aa-Id"));
    Map<String, String> m = new HashMap<>();
    m.put("x-tenant", "t");
    m.put("X-B3-TRACEID", "trace");
    m.put("X-Aa-Id", "aa");
    withFillers(m, 12);
    String[] viaGetter = MapGetterEachTest.each(m, mine);
    assertThat(viaGetter).startsWith("t", "trace", "aa", "untouched");
    assertThat(bothWays(m, mine)).isEqualTo(viaGetter);
  }

  @Test
  void randomMapsAndNameLists_withAndWithoutTheTable_agreeWithTheModel() {
    Random random = new Random(2015);
    for (int round = 0; round < 3_000; round++) {
      List<String> pool = new ArrayList<>(POOL);
      java.util.Collections.shuffle(pool, random);
      List<String> names = pool.subList(0, 1 + random.nextInt(pool.size()));
      int size = random.nextInt(5) == 0 ? random.nextInt(100) : random.nextInt(24);
      Map<String, String> m = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
      while (m.size() < size) {
        String name =
            random.nextInt(3) == 0
                ? "X-Other-" + random.nextInt(300)
                : GetEachTest.randomCase(random, POOL.get(random.nextInt(POOL.size())));
        m.put(name, random.nextInt(10) == 0 ? null : "v" + m.size());
        if (random.nextInt(50) == 0) {
          m.put(null, "null key");
        }
      }
      assertThat(bothWays(m, names)).as("%s", m).isEqualTo(MapGetterEachTest.expected(m, names));
    }
  }

  @Test
  void anEmptyName_findsTheEmptyKey_onEitherWay() {
    for (int size : new int[] {1, 2, 20}) {
      Map<String, String> m = new HashMap<>(Map.of("", "empty"));
      withFillers(m, size);
      assertThat(bothWays(m, List.of("", "b3"))).startsWith("empty", null, "untouched");
    }
  }

  @Test
  void isAnImmutableListOfItsNames() {
    HeaderNames names = HeaderNames.of("b3", "X-B3-TraceId");
    assertThat(names).isEqualTo(List.of("b3", "X-B3-TraceId"));
    assertThat(names.hashCode()).isEqualTo(List.of("b3", "X-B3-TraceId").hashCode());
    assertThat(names).hasToString("[b3, X-B3-TraceId]");
    assertThatThrownBy(() -> names.add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> names.set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
    String[] many = new String[HeaderNames.MAX + 1];
    Arrays.setAll(many, i -> "n" + i);
    assertThat(HeaderNames.of(Arrays.copyOf(many, HeaderNames.MAX))).hasSize(HeaderNames.MAX);
    assertThatThrownBy(() -> HeaderNames.of(many)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeaderNames.of(Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void sixtyThreeNames_inAWalkOfSixtyFourKeys() {
    List<String> names = new ArrayList<>();
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < HeaderNames.MAX - 1; i++) {
      names.add("X-N-" + i);
      if (i % 3 == 0) {
        m.put("x-n-" + i, "v" + i);
      }
    }
    withFillers(m, HeaderNames.MAX);
    String[] v = bothWays(m, names);
    assertThat(v[60]).isEqualTo("v60");
    assertThat(v[62]).isNull();
    assertThat(v).isEqualTo(MapGetterEachTest.expected(m, names));
  }
}
