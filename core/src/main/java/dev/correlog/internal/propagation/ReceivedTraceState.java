package dev.correlog.internal.propagation;

/**
 * A {@code tracestate} header as a propagator received it, checked ({@link TraceStates#forExtract})
 * when first read, once, however many copies of the context share it.
 */
public final class ReceivedTraceState {
  /** {@link #checked} when the header is invalid (compared by identity). */
  private static final String NONE = new String("");

  private final String header;
  private String checked; // racy but safe: a pure function of the final header, and immutable

  private ReceivedTraceState(String header) {
    this.header = header;
  }

  /** What a context received with {@code header} holds: null for none. */
  public static ReceivedTraceState of(String header) {
    return header == null ? null : new ReceivedTraceState(header);
  }

  /**
   * The header itself when valid, without whitespace and empty members when it has some, null when
   * empty, invalid or longer than 8,192 characters.
   */
  public String checked() {
    String c = checked;
    if (c == null) {
      c = TraceStates.forExtract(header);
      checked = c = c == null ? NONE : c;
    }
    return c == NONE ? null : c;
  }
}
