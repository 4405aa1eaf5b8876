package dev.correlog.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes any {@link Number} from its own digits, never from a {@code toString()} a subclass could
 * override: JDK integer types through {@code longValue()}, a {@code BigInteger} or {@code
 * BigDecimal} (or a subclass of either) through a plain copy of its magnitude and scale, any other
 * {@code Number} through {@code doubleValue()}. The caller catches what a subclass's methods throw.
 */
final class NumberWriter {
  /** Larger integers are written as a string marker: their digits would not fit a line anyway. */
  static final int MAX_BITS = 100_000;

  private NumberWriter() {}

  static void write(JsonBuffer buf, Number n) {
    Class<?> c = n.getClass();
    if (c == Long.class
        || c == Integer.class
        || c == Short.class
        || c == Byte.class
        || c == AtomicLong.class
        || c == AtomicInteger.class
        || c == LongAdder.class
        || c == LongAccumulator.class) {
      buf.longValue(n.longValue());
    } else if (c == Float.class) {
      buf.floatValue(n.floatValue());
    } else if (n instanceof BigInteger) {
      bigInteger(buf, plain((BigInteger) n));
    } else if (n instanceof BigDecimal) {
      bigDecimal(buf, (BigDecimal) n);
    } else {
      // Double, DoubleAdder, DoubleAccumulator and any other Number: its double value.
      buf.doubleValue(n.doubleValue());
    }
  }

  /** A {@code BigInteger} of the JDK's own class, with the same value as {@code b}. */
  private static BigInteger plain(BigInteger b) {
    return b.getClass() == BigInteger.class ? b : new BigInteger(b.toByteArray());
  }

  private static void bigInteger(JsonBuffer buf, BigInteger b) {
    if (b.bitLength() <= 63) {
      buf.longValue(b.longValue());
    } else if (b.bitLength() > MAX_BITS) {
      buf.string("[number of " + b.bitLength() + " bits]", 64);
    } else {
      buf.ascii(b.toString());
    }
  }

  private static void bigDecimal(JsonBuffer buf, BigDecimal d) {
    BigDecimal p =
        d.getClass() == BigDecimal.class ? d : new BigDecimal(plain(d.unscaledValue()), d.scale());
    BigInteger unscaled = p.unscaledValue();
    if (unscaled.bitLength() > MAX_BITS) {
      buf.string("[number of " + unscaled.bitLength() + " bits]", 64);
    } else {
      buf.ascii(p.toString()); // JSON number syntax: digits, '.', 'E', sign
    }
  }
}
