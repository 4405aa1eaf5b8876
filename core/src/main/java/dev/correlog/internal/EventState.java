package dev.correlog.internal;

import dev.correlog.FieldNamePolicy;
import dev.correlog.Level;
import dev.correlog.context.TraceContext;
import dev.correlog.schema.FieldType;
import dev.correlog.schema.SchemaViolationException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * What one event holds while it is built, read by the {@link LineWriter} and the {@link
 * FieldChecks}: the engine's start values (level, names, context or fresh root ids, sampling), the
 * standard fields, the user fields' buffer, and the pool claim; with the start of a field (the
 * inlinable check, else {@link FieldChecks}) and the end of the line (checked, then written by the
 * line writer). {@link DefaultEventBuilder} adds the user-facing API on top.
 */
abstract class EventState {
  static final long MIN_SECOND = -62167219200L; // 0000-01-01T00:00:00Z
  static final long MAX_SECOND = 253402300799L; // 9999-12-31T23:59:59Z

  /** {@link #threadName} when the line carries no thread. */
  @SuppressWarnings("StringOperationCanBeSimplified") // a distinct identity on purpose
  static final String NO_THREAD = new String("");

  private static final byte[] NO_BYTES = new byte[0];

  private static final VarHandle CLAIMED;

  static {
    try {
      CLAIMED = MethodHandles.lookup().findVarHandle(EventState.class, "claimed", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final LineFormat format;
  final Metrics metrics;
  final boolean threadOwned;
  final int maxStringLength;
  final LineWriter line;
  final FieldBuffer fields;

  @SuppressWarnings("unused") // through CLAIMED
  private volatile int claimed; // a pooled builder: 1 while handed out

  boolean inUse;
  Level level;
  String event;
  LoggerName logger;
  CharSequence message;
  dev.correlog.Redaction redaction; // the value redaction, read once per event; null for none
  Throwable error;
  CompiledSchema schema;
  long seenMask;
  TraceContext context; // null: a fresh root of its own, with the ids below
  long rootHigh;
  long rootLow;
  long rootSpan;
  double sampleRate; // 0: none written
  boolean traceUnsampled; // the trace was not head-sampled: "trace_sampled":false written
  boolean holdForErrorFlush;
  boolean hasTimestamp;
  long epochSecond;
  int nanos;
  String threadName; // null: the emitting thread's; NO_THREAD: none
  FieldNamePolicy policy = FieldNamePolicy.STRICT;
  boolean plain; // no schema and strict names: the inlinable path in begin(name, type)
  boolean neverThrow; // an encoder line
  int nestedDepth;

  EventState(LineFormat format, Metrics metrics, boolean threadOwned) {
    this.format = format;
    this.metrics = metrics;
    this.threadOwned = threadOwned;
    this.maxStringLength = format.maxStringLength();
    this.fields = new FieldBuffer(format.maxLineBytes());
    this.line = new LineWriter(format, metrics);
  }

  // ---- hand-out and start ---------------------------------------------------------------------

  /** A pooled builder: claims it for one event; false when another thread holds it. */
  boolean tryClaim() {
    return CLAIMED.compareAndSet(this, 0, 1);
  }

  /** Marks a new builder claimed before it is published to the pool. */
  void claimNew() {
    CLAIMED.setRelease(this, 1);
  }

  /** Starts an event; then {@link #context} or {@link #root}, and the sampling setters. */
  void begin(Level level, String event, LoggerName logger, CompiledSchema schema) {
    this.inUse = true;
    this.level = level;
    this.event = event;
    this.logger = logger;
    this.schema = schema;
    this.plain = schema == null;
    this.redaction = format.redaction().get();
    this.sampleRate = 0;
    this.traceUnsampled = false;
  }

  void context(TraceContext context) {
    this.context = context;
  }

  /** The ids of a fresh root context, for an event outside any. */
  void root(long high, long low, long span) {
    this.rootHigh = high;
    this.rootLow = low;
    this.rootSpan = span;
  }

  void sampleRate(double rate) {
    this.sampleRate = rate;
  }

  /** The head decision of the event's trace; false: the line says the rest may be missing. */
  void traceSampled(boolean sampled) {
    this.traceUnsampled = !sampled;
  }

  /** The event was sampled out: the line goes to its request's error-flush buffer. */
  void holdForErrorFlush() {
    this.holdForErrorFlush = true;
  }

  void reset() {
    inUse = false;
    plain = false;
    message = null;
    error = null;
    schema = null;
    context = null;
    holdForErrorFlush = false;
    hasTimestamp = false;
    threadName = null;
    policy = FieldNamePolicy.STRICT;
    neverThrow = false;
    seenMask = 0;
    nestedDepth = 0;
    fields.reset();
  }

  /** Ends the event: back to the thread, or its pool claim released. */
  void release() {
    reset();
    if (!threadOwned) {
      CLAIMED.setRelease(this, 0);
    }
  }

  /** Sets the event's time, clamped to years 0 to 9999. */
  void time(long second, int nano) {
    if (second < MIN_SECOND) {
      second = MIN_SECOND;
      nano = 0;
    } else if (second > MAX_SECOND) {
      second = MAX_SECOND;
      nano = 999_999_999;
    }
    hasTimestamp = true;
    epochSecond = second;
    nanos = nano;
  }

  // ---- field checks -------------------------------------------------------------------------

  /**
   * Checks {@code name} for a value of type {@code type} and writes {@code ,"name":}. Returns the
   * maximum string length to write, 0 when the value must not be written (dropped or redacted).
   */
  int begin(String name, FieldType type) {
    fields.unclaim(); // a fast path that did not write its field comes here
    // The common case, small enough to be inlined: no schema, strict names, a well-formed name,
    // first use (plain only while the event is in use).
    if (plain && name != null) {
      FieldNames.Entry e = FieldNames.entry(name);
      if (e.status == FieldNames.VALID && !fields.seen(e)) {
        fields.startField(e.prefix);
        return maxStringLength;
      }
    }
    return checkedBegin(name, type);
  }

  /**
   * The checked entry of {@code name} when the field may take a fast path (no schema, strict names,
   * a well-formed name, an event in progress), else null.
   */
  FieldNames.Entry plainEntry(String name) {
    if (plain && name != null) {
      FieldNames.Entry e = fields.repeated(name);
      if (e != null) {
        return e;
      }
      e = FieldNames.entry(name);
      if (e.status == FieldNames.VALID) {
        return e;
      }
    }
    return null;
  }

  /** {@link #begin} with every check: see {@link FieldChecks}. */
  private int checkedBegin(String name, FieldType type) {
    return FieldChecks.begin(this, name, type);
  }

  /** Ends an encoder line: a copy of it, empty when it could not be written. */
  byte[] toBytes() {
    if (!inUse) {
      return NO_BYTES;
    }
    try {
      return finish() ? java.util.Arrays.copyOf(line.array(), line.length()) : NO_BYTES;
    } finally {
      release();
    }
  }

  /** Ends an encoder line: writes it to {@code out}. */
  void writeTo(OutputStream out) throws IOException {
    if (!inUse) {
      return;
    }
    try {
      if (finish()) {
        out.write(line.array(), 0, line.length());
      }
    } finally {
      release();
    }
  }

  /**
   * Checks the event and writes its line into the line writer; false when a fault lost it. Throws
   * {@link SchemaViolationException} for a violation only for Correlog's own API (strict names) in
   * strict mode.
   */
  boolean finish() {
    List<String> violations = LineWriter.violations(this);
    if (!violations.isEmpty()
        && format.strict()
        && policy == FieldNamePolicy.STRICT
        && !neverThrow) {
      throw new SchemaViolationException(
          event, fields.firstViolationField(), new ArrayList<>(violations));
    }
    return line.write(this, violations);
  }
}
