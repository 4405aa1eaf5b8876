package dev.correlog.internal.sink;

import dev.correlog.sink.Sink;

/**
 * An internal sink that can take many contiguous lines in one call ({@link BatchWriter}), so that
 * the asynchronous writer hands a whole batch to the operating system in one write. The public
 * sinks of {@code dev.correlog.sink} do not implement it; the asynchronous sink reaches their batch
 * methods from inside their package.
 */
public interface BatchSink extends Sink, BatchWriter {}
