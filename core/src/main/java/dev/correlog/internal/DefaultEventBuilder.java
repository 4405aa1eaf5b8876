package dev.correlog.internal;

import dev.correlog.EventBuilder;
import dev.correlog.FieldNamePolicy;
import dev.correlog.Level;
import dev.correlog.ObjectBuilder;
import dev.correlog.context.TraceContext;
import dev.correlog.schema.FieldType;
import dev.correlog.schema.SchemaViolationException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reused builder of one event. User fields are encoded as they arrive into their own buffer,
 * checked against the event's compiled schema on the way (presence of required fields is a bit
 * mask); {@link #emit()} has the {@link LineWriter} write the line and hands it to the {@link
 * LineOutput}. It knows nothing of the engine or the pool that hands it out: the engine starts it
 * with {@link #begin} and the small setters after it, and a pooled builder is free again when its
 * claim is released at the end of the line.
 */
final class DefaultEventBuilder implements EventBuilder {
  private static final byte[] NO_BYTES = new byte[0];
  private static final long MIN_SECOND = -62167219200L; // 0000-01-01T00:00:00Z
  private static final long MAX_SECOND = 253402300799L; // 9999-12-31T23:59:59Z

  /** {@link #threadName} when the line carries no thread. */
  @SuppressWarnings("StringOperationCanBeSimplified") // a distinct identity on purpose
  static final String NO_THREAD = new String("");

  private static final VarHandle CLAIMED;

  static {
    try {
      CLAIMED =
          MethodHandles.lookup().findVarHandle(DefaultEventBuilder.class, "claimed", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final LineFormat format;
  final Metrics metrics;
  private final LineOutput output;
  final boolean threadOwned;
  final int maxStringLength;
  final LineWriter line;
  final FieldBuffer fields;
  private final NestedObjectBuilder nested;
  private EncoderLine encoderLine; // made on first use as an encoder line

  @SuppressWarnings("unused") // through CLAIMED
  private volatile int claimed; // a pooled builder: 1 while handed out

  boolean inUse;
  Level level;
  String event;
  LoggerName logger;
  CharSequence message;
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
  private boolean neverThrow; // an encoder line
  private int nestedDepth;

  DefaultEventBuilder(LineFormat format, LineOutput output, boolean threadOwned) {
    this.format = format;
    this.output = output;
    this.metrics = output.metrics;
    this.threadOwned = threadOwned;
    this.maxStringLength = format.maxStringLength();
    this.fields = new FieldBuffer(format.maxLineBytes());
    this.line = new LineWriter(format, metrics);
    this.nested = new NestedObjectBuilder(this);
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

  /** This builder as an encoder line: ends in the caller's hands, never throws. */
  EncoderLine asEncoderLine() {
    neverThrow = true;
    EncoderLine l = encoderLine;
    if (l == null) {
      l = encoderLine = new EncoderLine(this);
    }
    return l;
  }

  private void reset() {
    inUse = false;
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
  private void release() {
    reset();
    if (!threadOwned) {
      CLAIMED.setRelease(this, 0);
    }
  }

  // ---- field checks -------------------------------------------------------------------------

  /**
   * Checks {@code name} for a value of type {@code type} and writes {@code ,"name":}. Returns the
   * maximum string length to write, 0 when the value must not be written (dropped or redacted).
   */
  private int begin(String name, FieldType type) {
    // The common case, small enough to be inlined: no schema, strict names, a well-formed name,
    // first use.
    if (plain && inUse && name != null) {
      FieldNames.Entry e = FieldNames.entry(name);
      if (e.status == FieldNames.VALID && !fields.seen(name)) {
        fields.startField(e.prefix);
        return maxStringLength;
      }
    }
    return checkedBegin(name, type);
  }

  /** {@link #begin} with every check: see {@link FieldChecks}. */
  private int checkedBegin(String name, FieldType type) {
    return FieldChecks.begin(this, name, type);
  }

  private void checkedString(String name, CharSequence value, int maxChars) {
    if (schema != null && schema.indexOf(name) >= 0 && longer(value, maxChars)) {
      fields.violation(
          name, "field '" + name + "' is longer than " + maxChars + " characters; truncated");
    }
    fields.string(value, maxChars, metrics);
  }

  private static boolean longer(CharSequence value, int maxChars) {
    try {
      return value.length() > maxChars;
    } catch (RuntimeException e) {
      return false; // the write that follows fails the same way and writes the marker
    }
  }

  // ---- EventBuilder ---------------------------------------------------------------------------

  @Override
  public EventBuilder field(String name, CharSequence value) {
    if (value == null) {
      return nullField(name);
    }
    dev.correlog.Redaction r = format.redaction().get();
    if (r != null) {
      value = r.apply(value);
    }
    int max = begin(name, FieldType.STRING);
    if (max > 0) {
      checkedString(name, value, max);
      fields.endField();
    }
    return this;
  }

  private EventBuilder nullField(String name) {
    if (begin(name, FieldType.STRING) > 0) {
      fields.buffer().nullValue();
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, long value) {
    if (begin(name, FieldType.LONG) > 0) {
      fields.buffer().longValue(value);
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, int value) {
    return field(name, (long) value);
  }

  @Override
  public EventBuilder field(String name, double value) {
    if (begin(name, FieldType.DOUBLE) > 0) {
      fields.buffer().doubleValue(value);
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, float value) {
    if (begin(name, FieldType.DOUBLE) > 0) {
      fields.buffer().floatValue(value);
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, boolean value) {
    if (begin(name, FieldType.BOOLEAN) > 0) {
      fields.buffer().booleanValue(value);
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, Instant value) {
    if (value == null) {
      return nullField(name);
    }
    if (begin(name, FieldType.TIMESTAMP) > 0) {
      fields.timestamp(value, metrics);
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, Enum<?> value) {
    return field(name, value == null ? null : (CharSequence) value.name());
  }

  @Override
  public EventBuilder field(String name, Object value) {
    if (value == null) {
      return nullField(name);
    }
    if (value instanceof CharSequence) {
      return field(name, (CharSequence) value);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return field(name, ((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return field(name, ((Number) value).doubleValue());
    }
    if (value instanceof Boolean) {
      return field(name, ((Boolean) value).booleanValue());
    }
    if (value instanceof Instant) {
      return field(name, (Instant) value);
    }
    if (value instanceof Enum) {
      return field(name, (Enum<?>) value);
    }
    if (value instanceof Character) {
      return field(name, (CharSequence) value.toString());
    }
    FieldType type = value instanceof Number ? FieldType.DOUBLE : FieldType.OBJECT;
    int max = begin(name, type);
    if (max > 0) {
      fields.anyValue(value, max, metrics, format.redaction().get());
      fields.endField();
    }
    return this;
  }

  @Override
  public EventBuilder field(String name, Consumer<ObjectBuilder> object) {
    if (object == null) {
      return nullField(name);
    }
    if (begin(name, FieldType.OBJECT) > 0) {
      writeObject(object);
      fields.endField();
    }
    return this;
  }

  void writeObject(Consumer<ObjectBuilder> object) {
    if (nestedDepth >= 8) {
      fields.buffer().string("[nested too deep]", 32);
      return;
    }
    int mark = fields.buffer().mark();
    nestedDepth++;
    fields.openObject();
    try {
      object.accept(nested);
      fields.closeObject();
    } catch (Throwable e) { // NOPMD: the object is written whole or replaced by a marker
      fields.abandonObject();
      fields.failed(mark, object, e, metrics);
    } finally {
      nestedDepth--;
    }
  }

  @Override
  public EventBuilder message(CharSequence message) {
    if (inUse) {
      dev.correlog.Redaction r = format.redaction().get();
      this.message = r == null ? message : r.apply(message);
    }
    return this;
  }

  @Override
  public EventBuilder error(Throwable throwable) {
    if (inUse) {
      this.error = throwable;
    }
    return this;
  }

  @Override
  public EventBuilder timestamp(Instant timestamp) {
    if (inUse) {
      if (timestamp == null) {
        hasTimestamp = false;
      } else {
        time(timestamp.getEpochSecond(), timestamp.getNano());
      }
    }
    return this;
  }

  @Override
  public EventBuilder timestampMicros(long epochMicros) {
    if (inUse) {
      time(
          Math.floorDiv(epochMicros, 1_000_000L),
          (int) Math.floorMod(epochMicros, 1_000_000L) * 1000);
    }
    return this;
  }

  private void time(long second, int nano) {
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

  @Override
  public EventBuilder thread(String name) {
    if (inUse) {
      threadName = name == null ? NO_THREAD : name;
    }
    return this;
  }

  @Override
  public EventBuilder fieldNames(FieldNamePolicy policy) {
    if (inUse && policy != null) {
      this.policy = policy;
      plain = schema == null && policy == FieldNamePolicy.STRICT;
    }
    return this;
  }

  @Override
  public boolean isEnabled() {
    return true;
  }

  /** Writes the line to the sink (or holds it for error flush). */
  @Override
  public void emit() {
    if (!inUse) {
      return;
    }
    try {
      if (finish()) {
        if (holdForErrorFlush) {
          output.hold(context, level, line.array(), 0, line.length());
        } else {
          output.write(level, line.array(), 0, line.length());
        }
      }
    } finally {
      release();
    }
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
  private boolean finish() {
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
