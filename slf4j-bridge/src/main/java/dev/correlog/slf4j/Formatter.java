package dev.correlog.slf4j;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * SLF4J's {@code MessageFormatter} rules, written into a reused {@link StringBuilder} instead of a
 * new {@code FormattingTuple}: {@code {}} takes the next argument, {@code \{}} is a literal {@code
 * {}}, {@code \\{}} a backslash then the argument; a null argument is {@code null}; arrays are
 * written element by element ({@code [...]} for an array that contains itself); a {@code
 * toString()} that throws is written as {@code [FAILED toString()]}. Extra arguments are ignored,
 * extra placeholders kept.
 */
final class Formatter {
  /** The per-thread buffer and whether a call on this thread is using it. */
  private static final class Buffer {
    StringBuilder sb = new StringBuilder(256);
    boolean busy;
  }

  private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

  private Formatter() {}

  /**
   * A cleared buffer, held until {@link #release}: the thread's own, or a new one when the thread's
   * is in use (an argument's {@code toString()} that logs, say), so a nested call never overwrites
   * the message of the call around it.
   */
  static StringBuilder buffer() {
    Buffer b = BUFFER.get();
    if (b.busy) {
      return new StringBuilder(128);
    }
    if (b.sb.capacity() > 64 * 1024) {
      b.sb = new StringBuilder(256); // cut back after a huge message
    }
    b.busy = true;
    b.sb.setLength(0);
    return b.sb;
  }

  /** Gives the thread's buffer back once the line holding {@code sb} is written. */
  static void release(CharSequence sb) {
    Buffer b = BUFFER.get();
    if (b.sb == sb) {
      b.busy = false;
    }
  }

  /** Formats {@code pattern} with the first {@code count} of {@code a}, {@code b}, {@code rest}. */
  static StringBuilder format(String pattern, int count, Object a, Object b, Object[] rest) {
    StringBuilder sb = buffer();
    int i = 0;
    for (int arg = 0; arg < count; arg++) {
      int j = pattern.indexOf("{}", i);
      if (j < 0) {
        break;
      }
      if (j > 0 && pattern.charAt(j - 1) == '\\') {
        if (j > 1 && pattern.charAt(j - 2) == '\\') {
          sb.append(pattern, i, j - 1); // an escaped backslash, then the argument
          append(sb, arg == 0 ? a : arg == 1 ? b : rest[arg], null);
          i = j + 2;
        } else {
          arg--; // an escaped placeholder: a literal "{", the argument is not used
          sb.append(pattern, i, j - 1).append('{');
          i = j + 1;
        }
      } else {
        sb.append(pattern, i, j);
        append(sb, arg == 0 ? a : arg == 1 ? b : rest[arg], null);
        i = j + 2;
      }
    }
    sb.append(pattern, i, pattern.length());
    return sb;
  }

  private static void append(StringBuilder sb, Object o, IdentityHashMap<Object[], Object> seen) {
    if (o == null) {
      sb.append("null");
    } else if (o instanceof String) {
      sb.append((String) o);
    } else if (o instanceof Long
        || o instanceof Integer
        || o instanceof Short
        || o instanceof Byte) {
      sb.append(((Number) o).longValue()); // the same digits as toString(), without a String
    } else if (o instanceof Boolean) {
      sb.append(((Boolean) o).booleanValue());
    } else if (!o.getClass().isArray()) {
      try {
        sb.append(o.toString());
      } catch (Throwable t) {
        sb.append("[FAILED toString()]");
      }
    } else if (o instanceof Object[]) {
      Object[] array = (Object[]) o;
      IdentityHashMap<Object[], Object> s = seen != null ? seen : new IdentityHashMap<>();
      sb.append('[');
      if (s.put(array, Boolean.TRUE) == null) {
        for (int k = 0; k < array.length; k++) {
          if (k > 0) {
            sb.append(", ");
          }
          append(sb, array[k], s);
        }
        s.remove(array);
      } else {
        sb.append("...");
      }
      sb.append(']');
    } else {
      sb.append(primitiveArray(o));
    }
  }

  private static String primitiveArray(Object o) {
    if (o instanceof int[]) {
      return Arrays.toString((int[]) o);
    } else if (o instanceof long[]) {
      return Arrays.toString((long[]) o);
    } else if (o instanceof byte[]) {
      return Arrays.toString((byte[]) o);
    } else if (o instanceof char[]) {
      return Arrays.toString((char[]) o);
    } else if (o instanceof short[]) {
      return Arrays.toString((short[]) o);
    } else if (o instanceof boolean[]) {
      return Arrays.toString((boolean[]) o);
    } else if (o instanceof float[]) {
      return Arrays.toString((float[]) o);
    }
    return Arrays.toString((double[]) o);
  }
}
