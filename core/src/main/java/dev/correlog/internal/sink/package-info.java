/**
 * The machinery behind {@link dev.correlog.sink.Sinks}: the asynchronous queue and writer, file
 * rotation. Not part of the API: anything here may change; see {@link dev.correlog.internal}.
 */
package dev.correlog.internal.sink;
