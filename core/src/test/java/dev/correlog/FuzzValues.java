package dev.correlog;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values and names for the writer's fuzz tests, drawn from the fuzzer's bytes, with the value each
 * should read back as (null when only validity is checked).
 */
final class FuzzValues {
  /** Names that hit every rule: envelope names, dotted envelope names, bad forms, schema names. */
  static final String[] NAMES = {
    "user_id", "amount", "coupon", "card_number", "a", "a.b", "trace_id", "service.name",
    "error.type", "level.code", "message", "truncated", "schema_errors", "Bad", "a..b", "a.",
    "_x", "x".repeat(129), "\u0001", "ok_1", "http.status_code"
  };

  enum Color {
    RED,
    GREEN
  }

  /** A value and what it must read back as. */
  record Drawn(Object value, Object expected) {}

  private FuzzValues() {}

  static String name(FuzzedDataProvider d) {
    return d.consumeBoolean() ? d.pickValue(NAMES) : d.consumeString(40);
  }

  static Drawn value(FuzzedDataProvider d, int maxString) {
    switch (d.consumeInt(0, 15)) {
      case 0:
        String s = d.consumeString(maxString + 20);
        return new Drawn(s, s);
      case 1:
        long l = d.consumeLong();
        return new Drawn(l, l);
      case 2:
        double v = d.consumeDouble();
        return new Drawn(v, v);
      case 3:
        float f = d.consumeFloat();
        return new Drawn(f, f);
      case 4:
        boolean b = d.consumeBoolean();
        return new Drawn(b, b);
      case 5:
        Instant t = Instant.ofEpochSecond(d.consumeLong(-31557014167219200L, 31556889864403199L));
        return new Drawn(t, t);
      case 6:
        BigInteger i = new BigInteger(nonEmpty(d));
        return new Drawn(i, i);
      case 7:
        BigDecimal dec = new BigDecimal(new BigInteger(nonEmpty(d)), d.consumeInt(-400, 400));
        return new Drawn(dec, dec);
      case 8:
        String text = d.consumeString(20);
        return new Drawn(new Forging(d.consumeLong(), text), null);
      case 9:
        return new Drawn(null, null);
      case 10:
        String sb = d.consumeString(maxString);
        return new Drawn(new StringBuilder(sb), sb);
      case 11:
        return new Drawn(d.pickValue(Color.values()), null);
      case 12:
        Map<String, Object> m = new LinkedHashMap<>();
        int n = d.consumeInt(0, 4);
        for (int k = 0; k < n; k++) {
          m.put(d.consumeString(10), d.consumeString(30));
        }
        return new Drawn(m, null);
      case 13:
        List<Object> list = new ArrayList<>();
        int c = d.consumeInt(0, 4);
        for (int k = 0; k < c; k++) {
          list.add(d.consumeBoolean() ? d.consumeLong() : d.consumeString(20));
        }
        return new Drawn(list, null);
      case 14:
        return new Drawn(new Throwing(d.consumeInt(0, 3)), null);
      default:
        char ch = d.consumeChar();
        return new Drawn(ch, null);
    }
  }

  private static byte[] nonEmpty(FuzzedDataProvider d) {
    byte[] b = d.consumeBytes(40);
    return b.length == 0 ? new byte[] {1} : b;
  }

  /** A Number subclass whose text tries to forge JSON. */
  static final class Forging extends Number {
    private final long v;
    private final String text;

    Forging(long v, String text) {
      this.v = v;
      this.text = text;
    }

    @Override
    public int intValue() {
      return (int) v;
    }

    @Override
    public long longValue() {
      return v;
    }

    @Override
    public float floatValue() {
      return v;
    }

    @Override
    public double doubleValue() {
      return v;
    }

    @Override
    public String toString() {
      return "\n{\"trace_id\":" + text;
    }
  }

  /** An object that fails in one of several ways when rendered. */
  static final class Throwing {
    private final int mode;

    Throwing(int mode) {
      this.mode = mode;
    }

    public String getValue() {
      if (mode == 0) {
        throw new IllegalStateException("getter");
      }
      return "v\u2028";
    }

    @Override
    public String toString() {
      if (mode == 2) {
        throw new UnsupportedOperationException("toString");
      }
      return mode == 3 ? null : "throwing";
    }
  }

  /** What a string reads back as: lone surrogates replaced by U+FFFD. */
  static String sanitized(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        b.append('\uFFFD');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
