package dev.correlog.propagation;

import dev.correlog.context.TraceContext;
import java.util.List;

/**
 * Reads a {@link TraceContext} from, and writes one into, any carrier through a {@link Getter} and
 * a {@link Setter}: HTTP headers, Kafka record headers and gRPC metadata share one implementation.
 * Get one from {@link Propagators}; every one there is immutable and thread-safe.
 *
 * <pre>{@code
 * Extracted caller = Propagators.defaults().extract(headers, Carriers.MAP_GETTER);
 * Propagators.defaults().inject(TraceContext.current(), outgoing, Carriers.MAP_SETTER);
 * }</pre>
 */
public interface Propagator {
  /** The header names {@link #inject} writes, lowercase except for the {@code X-B3-*} names. */
  List<String> fields();

  /**
   * What {@code carrier} holds: the caller's context (its trace id and span id, the span that made
   * the call, with flags and tracestate), the caller's sampling decision, the request id. {@link
   * Extracted#empty()} when there is nothing (absent or invalid headers); never null, never throws,
   * whatever the input, even when the getter throws. A user-written propagator returns everything
   * it found the same way. The receiver then starts its own span, see {@link
   * Propagation#startServerSpan(Extracted)}.
   */
  <C> Extracted extract(C carrier, Getter<C> getter);

  /**
   * Writes {@code context} into {@code carrier}. Does nothing when {@code context} is null. A
   * context whose sampling is {@linkplain TraceContext#isSamplingDecided() undecided} is sent
   * without a decision where the format allows it (B3); W3C has no such state, its sampled flag is
   * then clear. A setter that throws (anything) is reported once on stderr and otherwise ignored.
   */
  <C> void inject(TraceContext context, C carrier, Setter<C> setter);
}
