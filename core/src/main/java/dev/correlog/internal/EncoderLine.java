package dev.correlog.internal;

import dev.correlog.EventEncoder;
import dev.correlog.FieldNamePolicy;
import dev.correlog.ObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A builder seen as an {@link EventEncoder.Line}: every call goes to the builder, and the line ends
 * in the caller's hands. One per builder, made once, so a line allocates nothing.
 */
final class EncoderLine implements EventEncoder.Line {
  private final DefaultEventBuilder b;

  EncoderLine(DefaultEventBuilder builder) {
    this.b = builder;
  }

  @Override
  public byte[] toBytes() {
    return b.toBytes();
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    b.writeTo(out);
  }

  @Override
  public void emit() {
    b.emit();
  }

  @Override
  public boolean isEnabled() {
    return true;
  }

  @Override
  public EventEncoder.Line field(String name, CharSequence value) {
    b.field(name, value);
    return this;
  }

  @Override
  public EventEncoder.Line field(String name, long value) {
    b.field(name, value);
    return this;
  }

  @Override
  public EventEncoder.Line field(String name, int value) {
    b.field(name, value);
    return this;
  }

  @Override
  public EventEncoder.Line field(String name, double value) {
    b.field(name, value);
    return this;
  }

  @Override
  public EventEncoder.Line field(String name, float value) {
    b.field(name, value);
    return this;
  }

  @Override
  public EventEncoder.Line field(String name, boolean value) {
    b.field(name, value);
    return this;
  }

  @Override
  public EventEncoder.Line field(String name, Instant value) {
    b.field(name, value);
    return this;
  }

  @Override
  public EventEncoder.Line field(String name, Enum<?> value) {
    b.field(name, value);
    return this;
  }

  @Override
  public EventEncoder.Line field(String name, Object value) {
    b.field(name, value);
    return this;
  }

  @Override
  public EventEncoder.Line field(String name, Consumer<ObjectBuilder> object) {
    b.field(name, object);
    return this;
  }

  @Override
  public EventEncoder.Line message(CharSequence message) {
    b.message(message);
    return this;
  }

  @Override
  public EventEncoder.Line error(Throwable throwable) {
    b.error(throwable);
    return this;
  }

  @Override
  public EventEncoder.Line timestamp(Instant timestamp) {
    b.timestamp(timestamp);
    return this;
  }

  @Override
  public EventEncoder.Line timestampMicros(long epochMicros) {
    b.timestampMicros(epochMicros);
    return this;
  }

  @Override
  public EventEncoder.Line thread(String name) {
    b.thread(name);
    return this;
  }

  @Override
  public EventEncoder.Line fieldNames(FieldNamePolicy policy) {
    b.fieldNames(policy);
    return this;
  }
}
