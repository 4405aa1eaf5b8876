package dev.correlog.propagation;

/**
 * The caller's head-sampling decision, as extraction found it ({@link Extracted#sampling()}).
 *
 * <p>W3C {@code traceparent} always carries one (its sampled flag: {@link #SAMPLED} or {@link
 * #NOT_SAMPLED}). B3 can also say nothing: ids without {@code X-B3-Sampled} or without the sampling
 * field of {@code b3} are {@link #DEFERRED}, and so is a carrier with no context at all.
 */
public enum SamplingDecision {
  /** The caller sampled the trace ({@code -01}, {@code b3: ...-1} or {@code d}, debug). */
  SAMPLED,
  /** The caller decided not to sample ({@code -00}, {@code b3: ...-0}, {@code X-B3-Sampled: 0}). */
  NOT_SAMPLED,
  /**
   * No decision was made upstream: this hop makes the head decision ({@code Correlog.decide}, or
   * per event from the trace id), and injects none until it is made.
   */
  DEFERRED
}
