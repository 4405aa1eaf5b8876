package dev.correlog.internal;

import dev.correlog.FieldNamePolicy;
import dev.correlog.schema.FieldType;

/**
 * The slow path of starting a field, taken when the builder's inlinable check does not settle it: a
 * declared schema (types, duplicates, redaction, lengths, undeclared fields), a name that breaks
 * the strict rules, a repeated name, a builder used after its event ended, or a foreign-name policy
 * ({@link FieldNamePolicy#KEEP}, {@link FieldNamePolicy#SNAKE_CASE}). Each returns the maximum
 * string length to write, 0 when the value must not be written (dropped or redacted), having
 * written {@code ,"name":} otherwise.
 */
final class FieldChecks {
  private static final byte[] REDACTED_VALUE = Envelope.ascii("\"[REDACTED]\"");

  private FieldChecks() {}

  /** Every check: schemas, bad names, duplicates, a builder used after emit. */
  static int begin(EventState b, String name, FieldType type) {
    FieldBuffer fields = b.fields;
    if (!b.inUse) {
      return 0; // a builder used after emit(): ignore
    }
    if (b.policy != FieldNamePolicy.STRICT) {
      return foreignBegin(b, name, type);
    }
    if (name == null) {
      fields.violation(null, "a field name is null");
      return 0;
    }
    byte status = FieldNames.status(name);
    if (status != FieldNames.VALID) {
      fields.violation(
          name,
          status == FieldNames.RESERVED
              ? "field '" + name + "' would overwrite an envelope field"
              : "invalid field name '" + Strings.cap(name, 64) + "'");
      return 0;
    }
    int maxChars = b.maxStringLength;
    CompiledSchema s = b.schema;
    int index = s == null ? -1 : s.indexOf(name);
    if (index >= 0) {
      long bit = 1L << index;
      if ((b.seenMask & bit) != 0) {
        fields.violation(name, "field '" + name + "' appears twice");
        return 0;
      }
      b.seenMask |= bit;
      FieldType declared = s.type(index);
      if (!declared.accepts(type)) {
        fields.violation(
            name, "field '" + name + "' must be " + declared.label() + ", got " + type.label());
      }
      if (s.sensitive(index)) {
        fields.startField(name);
        fields.buffer().raw(REDACTED_VALUE);
        fields.endField();
        return 0;
      }
      if (s.maxLength(index) > 0) {
        maxChars = Math.min(maxChars, s.maxLength(index));
      }
    } else {
      if (fields.seen(name)) {
        fields.violation(name, "field '" + name + "' appears twice");
        return 0;
      }
      if (s != null && s.flagUnknown()) {
        fields.violation(name, "field '" + name + "' is not declared in schema '" + b.event + "'");
      }
    }
    fields.startField(name);
    return maxChars;
  }

  /**
   * {@link #begin} under KEEP or SNAKE_CASE: the name is never a violation and the value never
   * dropped for it; a name taken by an earlier field gets the underscore prefix until free. The
   * schema, if any, still applies to the name written (types, redaction, length).
   */
  private static int foreignBegin(EventState b, String given, FieldType type) {
    FieldBuffer fields = b.fields;
    ForeignNames.Entry e = ForeignNames.of(given, b.policy);
    String name = e.written;
    byte[] prefix = e.prefix;
    CompiledSchema s = b.schema;
    int index = s == null ? -1 : s.indexOf(name);
    while (fields.seen(name) || (index >= 0 && (b.seenMask & (1L << index)) != 0)) {
      name = ForeignNames.TAKEN_PREFIX + name;
      prefix = null;
      index = s == null ? -1 : s.indexOf(name);
    }
    if (prefix == null) {
      prefix = ForeignNames.prefix(name);
    }
    int maxChars = b.maxStringLength;
    if (index >= 0) {
      b.seenMask |= 1L << index;
      FieldType declared = s.type(index);
      if (!declared.accepts(type)) {
        fields.violation(
            name, "field '" + name + "' must be " + declared.label() + ", got " + type.label());
      }
      if (s.sensitive(index)) {
        fields.startField(prefix);
        fields.buffer().raw(REDACTED_VALUE);
        fields.endField();
        return 0;
      }
      if (s.maxLength(index) > 0) {
        maxChars = Math.min(maxChars, s.maxLength(index));
      }
    } else if (s != null && s.flagUnknown()) {
      fields.violation(name, "field '" + name + "' is not declared in schema '" + b.event + "'");
    }
    fields.startField(prefix);
    return maxChars;
  }

  /** Writes a string value, with the schema's length violation when it is cut. */
  static void string(EventState b, String name, CharSequence value, int maxChars) {
    CompiledSchema schema = b.schema;
    FieldBuffer fields = b.fields;
    if (schema != null && schema.indexOf(name) >= 0 && longer(value, maxChars)) {
      fields.violation(
          name, "field '" + name + "' is longer than " + maxChars + " characters; truncated");
    }
    fields.string(value, maxChars, b.metrics);
  }

  private static boolean longer(CharSequence value, int maxChars) {
    try {
      return value.length() > maxChars;
    } catch (RuntimeException e) {
      return false; // the write that follows fails the same way and writes the marker
    }
  }
}
