/**
 * The formats behind {@link dev.correlog.propagation.Propagators}: parsers and writers for W3C
 * Trace Context, B3 and {@code x-request-id}. Not part of the API: anything here may change.
 */
package dev.correlog.internal.propagation;
