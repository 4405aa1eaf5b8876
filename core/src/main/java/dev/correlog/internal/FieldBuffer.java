package dev.correlog.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The user fields of one event, encoded as they are added ({@code ,"name":value} each), with what
 * the line writer needs to copy them whole: the end offset of every complete field, the names seen
 * (for duplicates), and the violations found.
 */
final class FieldBuffer {
  private final JsonBuffer buf;
  private final TimestampWriter timestamps = new TimestampWriter();
  private int[] ends = new int[16];
  private int count;
  private String[] names = new String[16];
  private int[] hashes = new int[16];
  private FieldNames.Entry[] entries = new FieldNames.Entry[16]; // a fast path's, else null
  private int nameCount;
  // The names an event remembers stay for the next one: while it names its fields in the same
  // order (the same call site, the same literals), a name equal by identity to the one at its
  // position is known not to repeat one before it, and its checked entry is at hand. While the
  // names repeat, nameBits is not kept: it is filled in when they stop repeating.
  private int repeatLimit; // the previous event's name count while the names repeat, else 0
  private boolean claimed; // repeated() took the next name for a fast path not yet committed
  private long nameBits;
  private int fieldMark;
  private boolean truncated;
  private final List<String> violations = new ArrayList<>(4);
  private String firstViolationField;
  private final boolean[] firstInObject = new boolean[16];

  @SuppressWarnings("unchecked")
  private final java.util.Set<String>[] objectNames = new java.util.Set[16];

  private int objectDepth;

  FieldBuffer(int maxBytes) {
    this.buf = new JsonBuffer(512, maxBytes);
  }

  JsonBuffer buffer() {
    return buf;
  }

  void reset() {
    buf.reset();
    count = 0;
    repeatLimit = nameCount;
    claimed = false;
    nameCount = 0;
    nameBits = 0;
    truncated = false;
    violations.clear();
    firstViolationField = null;
    objectDepth = 0;
  }

  /** True when {@code name} was already added; otherwise remembers it. */
  boolean seen(String name) {
    endRepeat();
    int h = name.hashCode();
    return seen(name, h, FieldNames.nameBit(h));
  }

  /** {@link #seen(String)} for a checked name, with its hash and bit computed once. */
  boolean seen(FieldNames.Entry e) {
    int k = nameCount;
    if (k < repeatLimit && names[k] == e.name) {
      // names[0..k] are the previous event's, which were remembered only when not seen before.
      nameCount = k + 1;
      return false;
    }
    endRepeat();
    if (seen(e.name, e.hash, e.bit)) {
      return true;
    }
    entries[nameCount - 1] = e;
    return false;
  }

  /** The names stop repeating the previous event's: the filter of names seen is filled in. */
  private void endRepeat() {
    if (repeatLimit != 0) {
      repeatLimit = 0;
      long bits = 0;
      for (int i = 0; i < nameCount; i++) {
        bits |= FieldNames.nameBit(hashes[i]);
      }
      nameBits = bits;
    }
  }

  /**
   * The checked entry of {@code name} when the previous event named this field the same (the same
   * string) at the same position, with the same names before it, the name then taken for a fast
   * path ({@link #claim}, else {@link #unclaim}); else null.
   */
  FieldNames.Entry repeated(String name) {
    int k = nameCount;
    if (k < repeatLimit && names[k] == name) { // names[k] and entries[k] load side by side
      FieldNames.Entry e = entries[k]; // when not null, its name is names[k]
      if (e != null) {
        nameCount = k + 1;
        claimed = true;
        return e;
      }
    }
    return null;
  }

  /** A fast path's field of entry {@code e} may be committed: false when its name is a repeat. */
  boolean claim(FieldNames.Entry e) {
    if (claimed) {
      claimed = false; // taken by repeated()
      return true;
    }
    return !seen(e);
  }

  /** Gives back the name {@link #repeated} took for a fast path that did not write its field. */
  void unclaim() {
    if (claimed) {
      claimed = false;
      nameCount--;
    }
  }

  private boolean seen(String name, int h, long bit) {
    if ((nameBits & bit) == 0) {
      nameBits |= bit;
      remember(name, h);
      return false;
    }
    for (int i = 0; i < nameCount; i++) {
      if (hashes[i] == h && (names[i] == name || names[i].equals(name))) {
        return true;
      }
    }
    remember(name, h);
    return false;
  }

  private void remember(String name, int h) {
    if (nameCount == names.length) {
      names = java.util.Arrays.copyOf(names, nameCount * 2);
      hashes = java.util.Arrays.copyOf(hashes, nameCount * 2);
      entries = java.util.Arrays.copyOf(entries, nameCount * 2);
    }
    entries[nameCount] = null;
    names[nameCount] = name;
    hashes[nameCount++] = h;
  }

  /** Ends a field written by a fast path ({@link FastFields}) at {@code end}. */
  void commit(int end) {
    buf.pos = end;
    if (count == ends.length) {
      ends = java.util.Arrays.copyOf(ends, count * 2);
    }
    ends[count++] = end;
  }

  void violation(String field, String message) {
    if (violations.isEmpty()) {
      firstViolationField = field;
    }
    if (violations.size() < 32) {
      violations.add(message);
    }
  }

  List<String> violations() {
    return violations;
  }

  String firstViolationField() {
    return firstViolationField;
  }

  /** Writes an encoded {@code ,"name":} prefix. */
  void startField(byte[] prefix) {
    fieldMark = buf.mark();
    buf.rawSmall(prefix);
  }

  /** Writes {@code ,"name":} for a name already checked to be plain ASCII. */
  void startField(String name) {
    fieldMark = buf.mark();
    buf.asciiFieldPrefix(name);
  }

  /** Ends the field begun by {@link #startField}; a field that did not fit is dropped whole. */
  void endField() {
    if (buf.overflowed()) {
      buf.rollback(fieldMark);
      truncated = true;
      return;
    }
    if (count == ends.length) {
      ends = java.util.Arrays.copyOf(ends, count * 2);
    }
    ends[count++] = buf.length();
  }

  boolean truncated() {
    return truncated;
  }

  /** How many bytes of whole fields fit in {@code room}. */
  int wholeFieldsWithin(int room) {
    int fit = 0;
    for (int i = 0; i < count && ends[i] <= room; i++) {
      fit = ends[i];
    }
    return fit;
  }

  void openObject() {
    buf.raw((byte) '{');
    if (objectDepth < firstInObject.length) {
      firstInObject[objectDepth] = true;
      if (objectNames[objectDepth] != null) {
        objectNames[objectDepth].clear();
      }
    }
    objectDepth++;
  }

  void closeObject() {
    objectDepth--;
    buf.raw((byte) '}');
  }

  /** Leaves an object that failed; the caller rolls its bytes back. */
  void abandonObject() {
    objectDepth--;
  }

  /** Writes {@code "name":} inside the innermost nested object; false if it is there already. */
  boolean nestedName(String name) {
    return nestedName(name, false);
  }

  /**
   * {@link #nestedName(String)}; {@code escape}: any text, escaped (else checked plain ASCII).
   * False, having written nothing, when that object already has a field of that name.
   */
  boolean nestedName(String name, boolean escape) {
    int d = objectDepth - 1;
    if (d >= 0 && d < firstInObject.length) {
      java.util.Set<String> seenHere = objectNames[d];
      if (seenHere == null) {
        seenHere = objectNames[d] = new java.util.HashSet<>();
      }
      if (!seenHere.add(name)) {
        return false;
      }
      if (firstInObject[d]) {
        firstInObject[d] = false;
      } else {
        buf.raw((byte) ',');
      }
    } else {
      buf.raw((byte) ',');
    }
    if (escape) {
      buf.string(name, FieldNames.MAX_LENGTH + 16).raw((byte) ':');
    } else {
      buf.raw((byte) '"').ascii(name).raw((byte) '"').raw((byte) ':');
    }
    return true;
  }

  /** Writes a timestamp whole, or a marker ({@link FieldValues}). */
  void timestamp(Instant t, Metrics metrics) {
    FieldValues.timestamp(buf, timestamps, t, metrics);
  }

  /** Writes a string whole (cut at {@code maxChars} with the marker), or a failure marker. */
  void string(CharSequence value, int maxChars, Metrics metrics) {
    FieldValues.string(buf, value, maxChars, metrics);
  }

  /** Any object, written whole or replaced by a marker ({@link FieldValues#anyValue}). */
  void anyValue(Object value, int maxChars, Metrics metrics, dev.correlog.Redaction redaction) {
    FieldValues.anyValue(buf, value, maxChars, metrics, redaction);
  }

  /** Rolls back to {@code mark} and writes a failure marker ({@link FieldValues#failed}). */
  void failed(int mark, Object value, Throwable e, Metrics metrics) {
    FieldValues.failed(buf, mark, value, e, metrics);
  }
}
