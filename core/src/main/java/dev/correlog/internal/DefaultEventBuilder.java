package dev.correlog.internal;

import dev.correlog.EventBuilder;
import dev.correlog.Level;
import dev.correlog.ObjectBuilder;
import dev.correlog.context.TraceContext;
import dev.correlog.schema.FieldType;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The reused builder of one event. User fields are encoded as they arrive into their own buffer,
 * checked against the event's compiled schema on the way (presence of required fields is a bit
 * mask); {@link #emit()} writes the envelope and copies the fields behind it. See {@link
 * LineWriter} for the line itself.
 */
final class DefaultEventBuilder implements EventBuilder {
  private static final byte[] REDACTED_VALUE = Envelope.ascii("\"[REDACTED]\"");

  final Engine engine;
  final boolean threadOwned;
  private final int maxStringLength;
  final LineWriter line;
  final FieldBuffer fields;
  private final NestedObjectBuilder nested;

  boolean inUse;
  Level level;
  String event;
  String loggerName;
  byte[] loggerField;
  CharSequence message;
  Throwable error;
  CompiledSchema schema;
  long seenMask;
  TraceContext context; // null: a fresh root of its own, with the ids below
  long rootHigh;
  long rootLow;
  long rootSpan;
  double sampleRate; // 0: none written
  boolean holdForErrorFlush;
  private int nestedDepth;

  DefaultEventBuilder(Engine engine, boolean threadOwned) {
    this.engine = engine;
    this.threadOwned = threadOwned;
    this.maxStringLength = engine.config().maxStringLength();
    this.fields = new FieldBuffer(engine.config().maxLineBytes());
    this.line = new LineWriter(engine, this);
    this.nested = new NestedObjectBuilder(this);
  }

  void begin(
      Level level,
      String event,
      String loggerName,
      byte[] loggerField,
      CompiledSchema s,
      TraceContext context,
      long rootHigh,
      long rootLow,
      long rootSpan,
      double sampleRate) {
    this.inUse = true;
    this.context = context;
    this.rootHigh = rootHigh;
    this.rootLow = rootLow;
    this.rootSpan = rootSpan;
    this.sampleRate = sampleRate;
    this.level = level;
    this.event = event;
    this.loggerName = loggerName;
    this.loggerField = loggerField;
    this.schema = s;
  }

  private void reset() {
    inUse = false;
    message = null;
    error = null;
    schema = null;
    context = null;
    holdForErrorFlush = false;
    seenMask = 0;
    nestedDepth = 0;
    fields.reset();
  }

  // ---- field checks -------------------------------------------------------------------------

  /**
   * Checks {@code name} for a value of type {@code type} and writes {@code ,"name":}. Returns the
   * maximum string length to write, 0 when the value must not be written (dropped or redacted).
   */
  private int begin(String name, FieldType type) {
    // The common case, small enough to be inlined: no schema, a well-formed name, first use.
    if (schema == null && inUse && name != null) {
      FieldNames.Entry e = FieldNames.entry(name);
      if (e.status == FieldNames.VALID && !fields.seen(name)) {
        fields.startField(e.prefix);
        return maxStringLength;
      }
    }
    return checkedBegin(name, type);
  }

  /** {@link #begin} with every check: schemas, bad names, duplicates, a builder used after emit. */
  private int checkedBegin(String name, FieldType type) {
    if (!inUse) {
      return 0; // a builder used after emit(): ignore
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
    int maxChars = maxStringLength;
    CompiledSchema s = schema;
    int index = s == null ? -1 : s.indexOf(name);
    if (index >= 0) {
      long bit = 1L << index;
      if ((seenMask & bit) != 0) {
        fields.violation(name, "field '" + name + "' appears twice");
        return 0;
      }
      seenMask |= bit;
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
        fields.violation(name, "field '" + name + "' is not declared in schema '" + event + "'");
      }
    }
    fields.startField(name);
    return maxChars;
  }

  private void checkedString(String name, CharSequence value, int maxChars) {
    if (schema != null && schema.indexOf(name) >= 0 && longer(value, maxChars)) {
      fields.violation(
          name, "field '" + name + "' is longer than " + maxChars + " characters; truncated");
    }
    fields.string(value, maxChars, engine.metrics());
  }

  private static boolean longer(CharSequence value, int maxChars) {
    try {
      return value.length() > maxChars;
    } catch (RuntimeException e) {
      return false; // the write that follows fails the same way and writes the marker
    }
  }

  // ---- EventBuilder ---------------------------------------------------------------------------

  @Override
  public EventBuilder field(String name, CharSequence value) {
    if (value == null) {
      return nullField(name);
    }
    dev.correlog.Redaction r = engine.redaction();
    if (r != null) {
      value = r.apply(value);
    }
    int max = begin(name, FieldType.STRING);
    if (max > 0) {
      checkedString(name, value, max);
      fields.endField();
    }
    return this;
  }

  private EventBuilder nullField(String name) {
    if (begin(name, FieldType.STRING) > 0) {
      fields.buffer().nullValue();
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, long value) {
    if (begin(name, FieldType.LONG) > 0) {
      fields.buffer().longValue(value);
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, int value) {
    return field(name, (long) value);
  }

  @Override
  public EventBuilder field(String name, double value) {
    if (begin(name, FieldType.DOUBLE) > 0) {
      fields.buffer().doubleValue(value);
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, float value) {
    if (begin(name, FieldType.DOUBLE) > 0) {
      fields.buffer().floatValue(value);
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, boolean value) {
    if (begin(name, FieldType.BOOLEAN) > 0) {
      fields.buffer().booleanValue(value);
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, Instant value) {
    if (value == null) {
      return nullField(name);
    }
    if (begin(name, FieldType.TIMESTAMP) > 0) {
      fields.timestamp(value, engine.metrics());
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, Enum<?> value) {
    return field(name, value == null ? null : (CharSequence) value.name());
  }

  @Override
  public EventBuilder field(String name, Object value) {
    if (value == null) {
      return nullField(name);
    }
    if (value instanceof CharSequence) {
      return field(name, (CharSequence) value);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return field(name, ((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return field(name, ((Number) value).doubleValue());
    }
    if (value instanceof Boolean) {
      return field(name, ((Boolean) value).booleanValue());
    }
    if (value instanceof Instant) {
      return field(name, (Instant) value);
    }
    if (value instanceof Enum) {
      return field(name, (Enum<?>) value);
    }
    if (value instanceof Character) {
      return field(name, (CharSequence) value.toString());
    }
    FieldType type = value instanceof Number ? FieldType.DOUBLE : FieldType.OBJECT;
    int max = begin(name, type);
    if (max > 0) {
      fields.anyValue(value, max, engine.metrics(), engine.redaction());
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, Consumer<ObjectBuilder> object) {
    if (object == null) {
      return nullField(name);
    }
    if (begin(name, FieldType.OBJECT) > 0) {
      writeObject(object);
      fields.endField();
    }
    return this;
  }

  void writeObject(Consumer<ObjectBuilder> object) {
    if (nestedDepth >= 8) {
      fields.buffer().string("[nested too deep]", 32);
      return;
    }
    int mark = fields.buffer().mark();
    nestedDepth++;
    fields.openObject();
    try {
      object.accept(nested);
      fields.closeObject();
    } catch (Throwable e) { // NOPMD: the object is written whole or replaced by a marker
      fields.abandonObject();
      fields.failed(mark, object, e, engine.metrics());
    } finally {
      nestedDepth--;
    }
  }

  @Override
  public EventBuilder message(CharSequence message) {
    if (inUse) {
      dev.correlog.Redaction r = engine.redaction();
      this.message = r == null ? message : r.apply(message);
    }
    return this;
  }

  @Override
  public EventBuilder error(Throwable throwable) {
    if (inUse) {
      this.error = throwable;
    }
    return this;
  }

  @Override
  public boolean isEnabled() {
    return true;
  }

  @Override
  public void emit() {
    if (!inUse) {
      return;
    }
    try {
      line.emit();
    } finally {
      reset();
      engine.release(this);
    }
  }
}
