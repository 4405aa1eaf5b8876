/**
 * Trace context propagation: W3C Trace Context (Level 2), B3 single and multi, and {@code
 * x-request-id}, read from and written into any carrier through a {@link
 * dev.correlog.propagation.Getter} and a {@link dev.correlog.propagation.Setter}.
 *
 * <p>Start at {@link dev.correlog.propagation.Propagators} for the formats, {@link
 * dev.correlog.propagation.Propagation#startServerSpan} for the receiving side and {@link
 * dev.correlog.propagation.HttpRequests} or {@link dev.correlog.propagation.Carriers} for the
 * sending side. Extraction never throws: bad input means "no context".
 */
package dev.correlog.propagation;
