package dev.correlog.internal;

import dev.correlog.ObjectBuilder;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Nested object fields: names checked for form only (under the strict policy; kept or normalised
 * under the others, as top-level names); no schema applies inside.
 */
final class NestedObjectBuilder implements ObjectBuilder {
  private final DefaultEventBuilder event;
  private final FieldBuffer fields;
  private final int maxString;

  NestedObjectBuilder(DefaultEventBuilder event) {
    this.event = event;
    this.fields = event.fields;
    this.maxString = event.format.maxStringLength();
  }

  private boolean name(String name) {
    if (event.policy != dev.correlog.FieldNamePolicy.STRICT) {
      String foreign = ForeignNames.nested(name, event.policy);
      if (!fields.nestedName(foreign, true)) {
        fields.violation(foreign, "nested field '" + Strings.cap(foreign, 64) + "' appears twice");
        return false;
      }
      return true;
    }
    if (name == null || FieldNames.status(name) == FieldNames.INVALID) {
      fields.violation(
          name, "invalid nested field name '" + Strings.cap(String.valueOf(name), 64) + "'");
      return false;
    }
    if (!fields.nestedName(name)) {
      fields.violation(name, "nested field '" + name + "' appears twice");
      return false;
    }
    return true;
  }

  @Override
  public ObjectBuilder field(String name, CharSequence value) {
    if (name(name)) {
      if (value == null) {
        fields.buffer().nullValue();
      } else {
        dev.correlog.Redaction r = event.format.redaction().get();
        fields.string(r == null ? value : r.apply(value), maxString, event.metrics);
      }
    }
    return this;
  }

  @Override
  public ObjectBuilder field(String name, long value) {
    if (name(name)) {
      fields.buffer().longValue(value);
    }
    return this;
  }

  @Override
  public ObjectBuilder field(String name, double value) {
    if (name(name)) {
      fields.buffer().doubleValue(value);
    }
    return this;
  }

  @Override
  public ObjectBuilder field(String name, boolean value) {
    if (name(name)) {
      fields.buffer().booleanValue(value);
    }
    return this;
  }

  @Override
  public ObjectBuilder field(String name, Instant value) {
    if (name(name)) {
      if (value == null) {
        fields.buffer().nullValue();
      } else {
        fields.timestamp(value, event.metrics);
      }
    }
    return this;
  }

  @Override
  public ObjectBuilder field(String name, Object value) {
    if (name(name)) {
      if (value == null) {
        fields.buffer().nullValue();
      } else {
        fields.anyValue(value, maxString, event.metrics, event.format.redaction().get());
      }
    }
    return this;
  }

  @Override
  public ObjectBuilder field(String name, Consumer<ObjectBuilder> object) {
    if (name(name)) {
      if (object == null) {
        fields.buffer().nullValue();
      } else {
        event.writeObject(object);
      }
    }
    return this;
  }
}
