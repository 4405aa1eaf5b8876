package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Getter;

/**
 * What a format knows beyond "found a context or not": {@code x-request-id} travels beside the ids,
 * and a lone B3 sampling decision ({@code b3: 0}) carries no ids at all. A composite applies these
 * hooks after extraction, and {@code Propagation.startServerSpan} applies them to a new root.
 * Implementations never throw.
 */
public interface ExtractHooks {
  /** {@code extracted} plus what this format carries besides the ids. */
  default <C> TraceContext decorate(TraceContext extracted, C carrier, Getter<C> getter) {
    return extracted;
  }

  /**
   * {@code root}, a new trace started because nothing was extracted, plus what the carrier says.
   */
  default <C> TraceContext seedRoot(TraceContext root, C carrier, Getter<C> getter) {
    return root;
  }
}
