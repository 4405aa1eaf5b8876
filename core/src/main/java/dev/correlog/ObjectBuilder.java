package dev.correlog;

import java.time.Instant;
import java.util.function.Consumer;

/** The fields of a nested JSON object; see {@link EventBuilder#field(String, Consumer)}. */
public interface ObjectBuilder {
  ObjectBuilder field(String name, CharSequence value);

  ObjectBuilder field(String name, long value);

  ObjectBuilder field(String name, double value);

  ObjectBuilder field(String name, boolean value);

  ObjectBuilder field(String name, Instant value);

  ObjectBuilder field(String name, Object value);

  ObjectBuilder field(String name, Consumer<ObjectBuilder> object);
}
