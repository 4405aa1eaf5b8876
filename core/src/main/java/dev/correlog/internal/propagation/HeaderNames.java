package dev.correlog.internal.propagation;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of header names (at most 64, none null) that carries a table for {@link
 * MapHeaders#pass}, computed once when the list is made: for a key's length, which names have that
 * length; for a key's last character, which names end with it ignoring case. A key then costs one
 * or two table reads and reaches its one or two candidate names directly, where a plain list needs
 * a loop over every name for each key of a name's length. The built-in formats' name lists and a
 * composite's are of this type; any other list a user passes to {@code Carriers.MAP_GETTER} is
 * looked up without a table, with the same answers.
 *
 * <p>It compares, hashes and prints as any {@link List} of the same names.
 */
public final class HeaderNames extends AbstractList<String> implements RandomAccess {
  /** The largest number of names: one bit each in a {@code long}. */
  public static final int MAX = 64;

  private final String[] names;

  /**
   * By a key's length, {@code min(length, 63)}: bit {@code i} when {@code names[i]} has that length
   * (names of 63 characters or more share the last entry; their length is compared afterwards).
   */
  private final long[] byLength = new long[64];

  /**
   * By a key's last character {@code & 31}: bit {@code i} when {@code names[i]}'s last character
   * has the same low five bits (so both cases of a letter, and a few other characters; the exact
   * comparison follows). An empty name ends with nothing, taken as character 0.
   */
  private final long[] byLast = new long[32];

  private HeaderNames(String[] names) {
    this.names = names;
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      int length = name.length();
      byLength[Math.min(length, 63)] |= 1L << i;
      byLast[last(name, length)] |= 1L << i;
    }
  }

  /**
   * The list of {@code names}, in order.
   *
   * @throws IllegalArgumentException with more than {@link #MAX} names
   * @throws NullPointerException when a name is null
   */
  public static HeaderNames of(List<String> names) {
    String[] a = names.toArray(new String[0]);
    if (a.length > MAX) {
      throw new IllegalArgumentException("at most " + MAX + " names, not " + a.length);
    }
    for (String name : a) {
      if (name == null) {
        throw new NullPointerException("a header name is null");
      }
    }
    return new HeaderNames(a);
  }

  /** The names of {@code these}. */
  public static HeaderNames of(String... these) {
    return of(List.of(these));
  }

  /** Low five bits of the last character of {@code s} (of {@code length}), 0 when empty. */
  static int last(String s, int length) {
    return length == 0 ? 0 : s.charAt(length - 1) & 31;
  }

  @Override
  public String get(int index) {
    return names[index];
  }

  @Override
  public int size() {
    return names.length;
  }

  /** The names, not to be written. */
  String[] array() {
    return names;
  }

  /** Bits of the names of {@code length} ({@code min(length, 63)}, see {@link #byLength}). */
  long ofLength(int length) {
    return byLength[Math.min(length, 63)];
  }

  /** Bits of the names whose last character agrees with {@code last} ({@link #last}). */
  long endingWith(int last) {
    return byLast[last];
  }

  /** A bit for every name. */
  long all() {
    return names.length == 64 ? -1L : (1L << names.length) - 1;
  }
}
