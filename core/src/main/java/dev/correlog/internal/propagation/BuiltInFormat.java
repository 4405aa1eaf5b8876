package dev.correlog.internal.propagation;

import dev.correlog.propagation.Extracted;

/**
 * A built-in format whose headers are named in {@link HeaderLookup}'s table: a composite looks up
 * the headers of all its built-in members at once and hands each member the values.
 */
interface BuiltInFormat {
  /** Offset of this format's group of names in {@link HeaderLookup}'s table. */
  int group();

  /** What the values of this format's headers, at {@code at} in {@code values}, hold. */
  Extracted read(String[] values, int at);
}
