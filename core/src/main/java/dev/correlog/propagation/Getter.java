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
 * <p>Only {@link #get} must be written. The built-in propagators ask for every header they may need
 * at once, through {@link #getEach}; its default asks {@link #get} for each name in turn. A carrier
 * that can list its headers cheaply, but where a case-insensitive miss costs a scan of them, should
 * override {@link #getEach} to look every name up in one pass (the shipped carriers do).
 *
 * @param <C> the carrier type
 */
@FunctionalInterface
public interface Getter<C> {
  /** The value of header {@code key} in {@code carrier}, or null when it is absent. */
  String get(C carrier, String key);

  /**
   * Looks up several headers at once: on return, {@code values[i]} is what {@link #get get(carrier,
   * names.get(i))} returns (null when absent), for every {@code i} below {@code names.size()};
   * later slots are left alone. The names are distinct ignoring case (when two are not, a getter
   * may report the later one absent, as {@link Carriers#MAP_GETTER} does). {@code values} belongs
   * to the caller (a reused scratch array, cleared before and after the call): write into it, never
   * keep it.
   *
   * <p>The default calls {@link #get} once per name. An override must keep {@link #get}'s contract
   * (case-insensitive, repeats joined by {@code ","}) and should cost one pass over the carrier's
   * headers, whatever their number, so that a request stuffed with headers cannot make extraction
   * slow. It may throw anything: extraction then reports it once and asks {@link #get} for each
   * name instead, treating a name whose {@code get} throws as absent.
   *
   * @param carrier the carrier, as given to the propagator
   * @param names the header names wanted, in any case (the propagator's own, immutable)
   * @param values where the values go, at the names' indices; at least {@code names.size()} long
   */
  default void getEach(C carrier, List<String> names, String[] values) {
    for (int i = 0, n = names.size(); i < n; i++) {
      values[i] = get(carrier, names.get(i));
    }
  }

  /**
   * The names of the headers in {@code carrier}, as they are stored (any case), each once. The
   * default, for a carrier that cannot list its headers, is empty. The built-in propagators do not
   * call it.
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
