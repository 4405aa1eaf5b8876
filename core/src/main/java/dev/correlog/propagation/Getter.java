package dev.correlog.propagation;

import java.util.List;

/**
 * Reads headers of a carrier (HTTP request, Kafka record headers, gRPC metadata). Implement it once
 * per carrier type as a {@code static final} constant, so nothing is allocated per call.
 *
 * <p>Contract: the lookup is case-insensitive; an absent header is {@code null}; a header sent
 * several times is returned as its values joined by {@code ","} in order, as HTTP combines them. A
 * getter may throw anything (even an {@link Error}): extraction catches it and treats the header as
 * absent.
 *
 * @param <C> the carrier type
 */
@FunctionalInterface
public interface Getter<C> {
  /** The value of header {@code key} in {@code carrier}, or null when it is absent. */
  String get(C carrier, String key);

  /**
   * The names of the headers in {@code carrier}, as they are stored (any case), each once. The
   * default, for a carrier that cannot list its headers, is empty. Not called by the built-in
   * propagators for each lookup; a getter over a case-sensitive store can use it to resolve a name
   * once per extraction (as {@link Carriers#MAP_GETTER} does).
   */
  default Iterable<String> keys(C carrier) {
    return List.of();
  }

  /**
   * Every value of header {@code key}, in order, when it was sent several times (gRPC metadata,
   * Kafka headers, repeated HTTP headers); empty when absent. The default is {@link #get}'s value
   * as the only element.
   */
  default List<String> getAll(C carrier, String key) {
    String v = get(carrier, key);
    return v == null ? List.of() : List.of(v);
  }
}
