package dev.correlog.propagation;

/**
 * Reads one header of a carrier (HTTP request, Kafka record headers, gRPC metadata). Implement it
 * once per carrier type as a {@code static final} constant, so nothing is allocated per call.
 *
 * <p>Contract: the lookup is case-insensitive; an absent header is {@code null}; a header sent
 * several times is returned as its values joined by {@code ","} in order, as HTTP combines them. A
 * getter may throw: propagators catch it and treat the header as absent.
 *
 * @param <C> the carrier type
 */
@FunctionalInterface
public interface Getter<C> {
  /** The value of header {@code key} in {@code carrier}, or null when it is absent. */
  String get(C carrier, String key);
}
