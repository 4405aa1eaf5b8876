package dev.correlog.internal;

import dev.correlog.schema.EventSchema;
import dev.correlog.schema.FieldType;
import dev.correlog.schema.UnknownFields;

/**
 * An {@link EventSchema} compiled once for the emit path: field lookup through an open-addressing
 * table keyed by the name's cached hash code (identity compared first), and the required fields as
 * one bit mask, so presence is tracked while fields are written.
 */
public final class CompiledSchema {
  private final String event;
  private final String[] names;
  private final FieldType[] types;
  private final int[] maxLengths;
  private final boolean[] sensitive;
  private final long requiredMask;
  private final boolean flagUnknown;
  private final String[] table;
  private final int[] tableIndex;
  private final int tableMask;

  public CompiledSchema(EventSchema schema) {
    this.event = schema.event();
    int n = schema.fields().size();
    names = new String[n];
    types = new FieldType[n];
    maxLengths = new int[n];
    sensitive = new boolean[n];
    long required = 0;
    int i = 0;
    for (EventSchema.FieldSpec spec : schema.fields().values()) {
      names[i] = spec.name();
      types[i] = spec.type();
      maxLengths[i] = spec.maxLength();
      sensitive[i] = spec.sensitive();
      if (spec.required()) {
        required |= 1L << i;
      }
      i++;
    }
    requiredMask = required;
    flagUnknown = schema.unknownFields() == UnknownFields.FLAG;
    int size = Integer.highestOneBit(Math.max(4, n * 4 - 1)) << 1;
    table = new String[size];
    tableIndex = new int[size];
    tableMask = size - 1;
    for (int f = 0; f < n; f++) {
      int slot = spread(names[f].hashCode()) & tableMask;
      while (table[slot] != null) {
        slot = (slot + 1) & tableMask;
      }
      table[slot] = names[f];
      tableIndex[slot] = f;
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** Index of the declared field {@code name}, or -1. */
  public int indexOf(String name) {
    int slot = spread(name.hashCode()) & tableMask;
    String s;
    while ((s = table[slot]) != null) {
      if (s == name || s.equals(name)) {
        return tableIndex[slot];
      }
      slot = (slot + 1) & tableMask;
    }
    return -1;
  }

  public String event() {
    return event;
  }

  public String name(int index) {
    return names[index];
  }

  public FieldType type(int index) {
    return types[index];
  }

  /** Maximum length in UTF-16 units, or -1 for none. */
  public int maxLength(int index) {
    return maxLengths[index];
  }

  public boolean sensitive(int index) {
    return sensitive[index];
  }

  public long requiredMask() {
    return requiredMask;
  }

  public boolean flagUnknown() {
    return flagUnknown;
  }

  public int fieldCount() {
    return names.length;
  }
}
