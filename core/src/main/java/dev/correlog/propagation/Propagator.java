package dev.correlog.propagation;

import dev.correlog.context.TraceContext;
import java.util.List;

/**
 * Reads a {@link TraceContext} from, and writes one into, any carrier through a {@link Getter} and
 * a {@link Setter}: HTTP headers, Kafka record headers and gRPC metadata share one implementation.
 * Get one from {@link Propagators}; every one there is immutable and thread-safe.
 *
 * <pre>{@code
 * TraceContext caller = Propagators.defaults().extract(headers, Carriers.MAP_GETTER);
 * Propagators.defaults().inject(TraceContext.current(), outgoing, Carriers.MAP_SETTER);
 * }</pre>
 */
public interface Propagator {
  /** The header names {@link #inject} writes, lowercase except for the {@code X-B3-*} names. */
  List<String> fields();

  /**
   * The caller's context found in {@code carrier}: its trace id and span id (the span that made the
   * call), flags and tracestate. Null means "no context": absent or invalid headers. Never throws,
   * whatever the input, even when the getter throws. The receiver then starts its own span, see
   * {@link Propagation#startServerSpan}.
   */
  <C> TraceContext extract(C carrier, Getter<C> getter);

  /**
   * Writes {@code context} into {@code carrier}. Does nothing when {@code context} is null. A
   * setter that throws is reported once on stderr and otherwise ignored.
   */
  <C> void inject(TraceContext context, C carrier, Setter<C> setter);
}
