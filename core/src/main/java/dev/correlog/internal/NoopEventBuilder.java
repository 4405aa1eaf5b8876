package dev.correlog.internal;

import dev.correlog.EventBuilder;
import java.time.Instant;
import java.util.function.Consumer;

/** The shared builder of every disabled or sampled-out event: ignores every call. */
public final class NoopEventBuilder implements EventBuilder {
  public static final NoopEventBuilder INSTANCE = new NoopEventBuilder();

  private NoopEventBuilder() {}

  @Override
  public EventBuilder field(String name, CharSequence value) {
    return this;
  }

  @Override
  public EventBuilder field(String name, long value) {
    return this;
  }

  @Override
  public EventBuilder field(String name, int value) {
    return this;
  }

  @Override
  public EventBuilder field(String name, double value) {
    return this;
  }

  @Override
  public EventBuilder field(String name, float value) {
    return this;
  }

  @Override
  public EventBuilder field(String name, boolean value) {
    return this;
  }

  @Override
  public EventBuilder field(String name, Instant value) {
    return this;
  }

  @Override
  public EventBuilder field(String name, Enum<?> value) {
    return this;
  }

  @Override
  public EventBuilder field(String name, Object value) {
    return this;
  }

  @Override
  public EventBuilder field(String name, Consumer<dev.correlog.ObjectBuilder> object) {
    return this;
  }

  @Override
  public EventBuilder message(CharSequence message) {
    return this;
  }

  @Override
  public EventBuilder error(Throwable throwable) {
    return this;
  }

  @Override
  public EventBuilder timestamp(Instant timestamp) {
    return this;
  }

  @Override
  public EventBuilder timestampMicros(long epochMicros) {
    return this;
  }

  @Override
  public EventBuilder thread(String name) {
    return this;
  }

  @Override
  public EventBuilder fieldNames(dev.correlog.FieldNamePolicy policy) {
    return this;
  }

  @Override
  public boolean isEnabled() {
    return false;
  }

  @Override
  public void emit() {}
}
