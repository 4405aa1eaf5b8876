package dev.correlog.propagation;

/**
 * Writes one header of a carrier, replacing any value it had (so a carrier that is reused never
 * ends up with two {@code traceparent} headers). Implement it once per carrier type as a {@code
 * static final} constant.
 *
 * @param <C> the carrier type
 */
@FunctionalInterface
public interface Setter<C> {
  /** Sets header {@code key} of {@code carrier} to {@code value}, replacing any previous value. */
  void set(C carrier, String key, String value);
}
