package dev.correlog.sink;

/** What an {@link AsyncSink} does with a line when its queue is full. */
public enum OverflowPolicy {
  /**
   * Lines below WARN are dropped at once and counted, so the application never waits on I/O. WARN
   * and ERROR lines wait for room, at most {@link AsyncSink.Builder#maxWait}; they also have a
   * reserved part of the queue that lower lines cannot fill. The default.
   */
  DROP_BELOW_WARN,

  /** Every line waits for room, at most {@link AsyncSink.Builder#maxWait}, then is dropped. */
  BLOCK
}
