package dev.correlog.internal;

import dev.correlog.EventBuilder;
import dev.correlog.FieldNamePolicy;
import dev.correlog.ObjectBuilder;
import dev.correlog.schema.FieldType;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The reused builder of one event. User fields are encoded as they arrive into their own buffer,
 * checked against the event's compiled schema on the way (presence of required fields is a bit
 * mask); {@link #emit()} has the {@link LineWriter} write the line and hands it to the {@link
 * LineOutput}. It knows nothing of the engine or the pool that hands it out: the engine starts it
 * with {@link #begin} and the small setters after it, and a pooled builder is free again when its
 * claim is released at the end of the line.
 */
final class DefaultEventBuilder extends EventState implements EventBuilder {

  private final LineOutput output;
  private final NestedObjectBuilder nested;
  private EncoderLine encoderLine; // made on first use as an encoder line

  DefaultEventBuilder(LineFormat format, LineOutput output, boolean threadOwned) {
    super(format, output.metrics, threadOwned);
    this.output = output;
    this.nested = new NestedObjectBuilder(this);
  }

  /** This builder as an encoder line: ends in the caller's hands, never throws. */
  EncoderLine asEncoderLine() {
    neverThrow = true;
    EncoderLine l = encoderLine;
    if (l == null) {
      l = encoderLine = new EncoderLine(this);
    }
    return l;
  }

  // ---- EventBuilder ---------------------------------------------------------------------------

  @Override
  public EventBuilder field(String name, CharSequence value) {
    if (value == null) {
      return nullField(name);
    }
    dev.correlog.Redaction r = redaction;
    if (r != null) {
      value = r.apply(value);
    }
    if (value instanceof String) {
      FieldNames.Entry e = plainEntry(name);
      if (e != null && FastFields.tryString(fields, e, (String) value, maxStringLength)) {
        return this;
      }
    }
    int max = begin(name, FieldType.STRING);
    if (max > 0) {
      FieldChecks.string(this, name, value, max);
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
    FieldNames.Entry e = plainEntry(name);
    if (e != null && FastFields.tryLong(fields, e, value)) {
      return this;
    }
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
    FieldNames.Entry e = plainEntry(name);
    if (e != null && FastFields.tryDouble(fields, e, value)) {
      return this;
    }
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
    FieldNames.Entry e = plainEntry(name);
    if (e != null && FastFields.tryBoolean(fields, e, value)) {
      return this;
    }
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
      fields.timestamp(value, metrics);
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
      fields.anyValue(value, max, metrics, redaction);
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
      fields.failed(mark, object, e, metrics);
    } finally {
      nestedDepth--;
    }
  }

  @Override
  public EventBuilder message(CharSequence message) {
    if (inUse) {
      dev.correlog.Redaction r = redaction;
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
  public EventBuilder timestamp(Instant timestamp) {
    if (inUse) {
      if (timestamp == null) {
        hasTimestamp = false;
      } else {
        time(timestamp.getEpochSecond(), timestamp.getNano());
      }
    }
    return this;
  }

  @Override
  public EventBuilder timestampMicros(long epochMicros) {
    if (inUse) {
      time(
          Math.floorDiv(epochMicros, 1_000_000L),
          (int) Math.floorMod(epochMicros, 1_000_000L) * 1000);
    }
    return this;
  }

  @Override
  public EventBuilder thread(String name) {
    if (inUse) {
      threadName = name == null ? NO_THREAD : name;
    }
    return this;
  }

  @Override
  public EventBuilder fieldNames(FieldNamePolicy policy) {
    if (inUse && policy != null) {
      this.policy = policy;
      plain = schema == null && policy == FieldNamePolicy.STRICT;
    }
    return this;
  }

  @Override
  public boolean isEnabled() {
    return true;
  }

  /** Writes the line to the sink (or holds it for error flush). */
  @Override
  public void emit() {
    if (!inUse) {
      return;
    }
    try {
      if (finish()) {
        if (holdForErrorFlush) {
          output.hold(context, level, line.array(), 0, line.length());
        } else {
          output.write(level, line.array(), 0, line.length());
        }
      }
    } finally {
      release();
    }
  }
}
