package dev.correlog.internal;

import dev.correlog.context.TraceContext;
import java.util.List;

/**
 * Writes one finished line into its own buffer: the envelope in its fixed order, the optional
 * standard fields, the user fields copied whole from the builder's field buffer, then {@code
 * schema_errors} and the truncation flag. Nothing is written past the line cap; a tail reserve
 * keeps room to close the line. Where the line goes next is the builder's business: this class only
 * reads the event it is given and writes bytes.
 */
final class LineWriter {
  /** Bytes kept free at the end of a line for schema_errors, the truncation flag and "}\n". */
  static final int TAIL_RESERVE = 1024;

  private final LineFormat format;
  private final Metrics metrics;
  private final JsonBuffer out;
  private final TimestampWriter timestamps = new TimestampWriter(Envelope.OPEN);
  private final ThrowableWriter throwables = new ThrowableWriter();
  private final int maxLine;

  // Encoded pieces that repeat from one event to the next on this builder: the envelope's segments
  // for the last context, the thread field, and event names.
  private final EnvelopeSegments segments;
  private final JsonBuffer threadScratch = new JsonBuffer(64, 4096);
  private String cachedThreadName;
  private byte[] threadField;
  private final String[] eventNames = new String[64];
  private final byte[][] eventBytes = new byte[64][];
  private final long[][] eventWords = new long[64][];

  LineWriter(LineFormat format, Metrics metrics) {
    this.format = format;
    this.metrics = metrics;
    this.maxLine = format.maxLineBytes();
    this.out = new JsonBuffer(1024, maxLine);
    this.segments = new EnvelopeSegments(format.envelope());
  }

  /** The violations of {@code event}, with its missing required fields added. */
  static List<String> violations(EventState event) {
    FieldBuffer fields = event.fields;
    CompiledSchema schema = event.schema;
    if (schema != null) {
      long missing = schema.requiredMask() & ~event.seenMask;
      if (missing != 0) {
        for (int i = 0; i < schema.fieldCount(); i++) {
          if ((missing & (1L << i)) != 0) {
            fields.violation(schema.name(i), "required field '" + schema.name(i) + "' is missing");
          }
        }
      }
    }
    return fields.violations();
  }

  /**
   * Writes the line of {@code event} into this writer's buffer ({@link #array()}, {@link
   * #length()}); false when a fault inside Correlog lost it (counted, reported once).
   */
  boolean write(EventState event, List<String> violations) {
    try {
      write(event, event.fields, violations);
      return true;
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      metrics.internalErrors.increment();
      Reporter.once("emit", "an event could not be written and was lost", e);
      return false;
    }
  }

  byte[] array() {
    return out.array();
  }

  int length() {
    return out.length();
  }

  private void write(EventState event, FieldBuffer fields, List<String> violations) {
    JsonBuffer o = out;
    o.reset();
    o.limit(maxLine - TAIL_RESERVE);
    Envelope env = format.envelope();
    if (event.hasTimestamp) { // writes the line's opening too
      timestamps.write(o, event.epochSecond, event.nanos);
    } else {
      timestamps.write(o, format.clock());
    }
    TraceContext ctx = event.context;
    if (ctx != null) {
      inContext(o, event, ctx);
    } else {
      o.raw(env.levelPrefix(event.level));
      // Outside any request: a fresh root context of its own, request id = trace id.
      o.hex16(event.rootHigh).hex16(event.rootLow);
      o.raw(Envelope.SPAN_ID).hex16(event.rootSpan);
      o.raw(Envelope.REQUEST_ID).raw((byte) '"');
      o.hex16(event.rootHigh).hex16(event.rootLow).raw((byte) '"');
      o.raw(Envelope.EVENT);
      eventName(o, event.event);
      tailPieces(o, event);
    }
    if (event.traceUnsampled) {
      o.raw(Envelope.TRACE_UNSAMPLED);
    }
    if (event.holdForErrorFlush) {
      o.raw(Envelope.SAMPLED_BY).ascii("\"error_flush\"");
    } else if (event.sampleRate > 0) {
      o.raw(Envelope.SAMPLE_RATE).doubleValue(event.sampleRate);
    }
    boolean truncated = fields.truncated();
    int maxString = format.maxStringLength();
    if (event.message != null) {
      int mark = o.mark();
      o.rawWords(Envelope.MESSAGE_WORDS, Envelope.MESSAGE).string(event.message, maxString);
      if (o.overflowed()) {
        o.rollback(mark);
        truncated = true;
      }
    }
    if (event.error != null) {
      truncated |= writeError(o, event.error, maxString);
    }
    int room = o.remaining();
    int len = fields.buffer().length();
    int copy = len <= room ? len : fields.wholeFieldsWithin(room);
    truncated |= copy < len;
    o.raw(fields.buffer().array(), 0, copy);

    if (!violations.isEmpty()) {
      metrics.schemaViolations.increment();
      truncated |= writeViolations(o, violations);
    }
    o.limit(maxLine);
    if (truncated) {
      metrics.truncated.increment();
      o.raw(Envelope.TRUNCATED);
    }
    o.raw((byte) '}').raw((byte) '\n');
  }

  /**
   * The envelope of an event in a context after the timestamp: its head and tail segments each
   * copied whole when there is room to spare (the pieces one by one would write the same bytes),
   * else piece by piece.
   */
  private void inContext(JsonBuffer o, EventState event, TraceContext ctx) {
    JsonBuffer head = segments.head(ctx, event.level);
    if (head.length() <= o.remaining()) {
      o.raw(head.array(), 0, head.length());
    } else {
      o.raw(format.envelope().levelPrefix(event.level));
      o.raw(segments.ids(ctx).array(), 0, segments.idsEnd()).raw(Envelope.EVENT);
    }
    eventName(o, event.event);
    String thread = null; // the thread field's name, null for none
    if (format.includeThread()) {
      thread = event.threadName == null ? Thread.currentThread().getName() : event.threadName;
    }
    if (thread == null || event.threadName == null || thread == EventState.NO_THREAD) {
      boolean none = thread == null || thread == EventState.NO_THREAD;
      JsonBuffer tail =
          none
              ? segments.tail(ctx, event.logger, null, null)
              : segments.tail(ctx, event.logger, thread, threadField(thread));
      if (tail.length() + JsonBuffer.STRING_RESERVE + 8 <= o.remaining()) {
        o.raw(tail.array(), 0, tail.length());
        return;
      }
    }
    JsonBuffer ids = segments.ids(ctx);
    o.raw(ids.array(), segments.idsEnd(), ids.length() - segments.idsEnd());
    tailPieces(o, event);
  }

  /** The logger, thread and environment fields, piece by piece. */
  private void tailPieces(JsonBuffer o, EventState event) {
    o.raw(event.logger.field);
    if (format.includeThread()) {
      String name = event.threadName == null ? Thread.currentThread().getName() : event.threadName;
      if (name != EventState.NO_THREAD) {
        o.raw(Envelope.THREAD).string(name, 256);
      }
    }
    o.raw(format.envelope().environment());
  }

  /** {@code ,"thread":"name"}, from a one-entry cache keyed by the name's identity. */
  private byte[] threadField(String name) {
    if (name != cachedThreadName) {
      JsonBuffer b = threadScratch;
      b.reset();
      b.raw(Envelope.THREAD).string(name, 256);
      threadField = java.util.Arrays.copyOf(b.array(), b.length());
      cachedThreadName = name;
    }
    return threadField;
  }

  /** Bytes that must stay free after the schema errors: ']', the truncation flag, '}' and '\n'. */
  private static final int CLOSING = 1 + Envelope.TRUNCATED.length + 2;

  /**
   * Writes {@code ,"schema_errors":[...]} in bytes, not characters: each message whole (or cut with
   * the marker) or not at all, always leaving room to close the line. True when some were left out.
   */
  private boolean writeViolations(JsonBuffer o, List<String> violations) {
    o.limit(maxLine - CLOSING);
    int listMark = o.mark();
    o.raw(Envelope.SCHEMA_ERRORS);
    if (o.overflowed()) {
      o.rollback(listMark);
      return true;
    }
    boolean cut = false;
    for (int i = 0; i < violations.size(); i++) {
      int mark = o.mark();
      if (i > 0) {
        o.raw((byte) ',');
      }
      o.string(violations.get(i), 200);
      if (o.overflowed()) {
        o.rollback(mark);
        cut = true;
        break;
      }
    }
    o.limit(maxLine - CLOSING + 1);
    o.raw((byte) ']');
    return cut;
  }

  /**
   * Writes the quoted event name, from a small cache keyed by the name (its identity first, then
   * its text: names built per event, by a bridge say, hit as well).
   */
  private void eventName(JsonBuffer o, String name) {
    int slot = name.hashCode() & (eventNames.length - 1);
    String cached = eventNames[slot];
    if (cached != name && (cached == null || !cached.equals(name))) {
      int mark = o.mark();
      o.string(name, FieldNames.MAX_LENGTH);
      if (!o.overflowed()) {
        eventBytes[slot] = java.util.Arrays.copyOfRange(o.array(), mark, o.length());
        eventWords[slot] = Words.of(eventBytes[slot]);
        eventNames[slot] = name;
      }
      return;
    }
    o.rawWords(eventWords[slot], eventBytes[slot]);
  }

  /** Writes the error object; true when it had to be cut short. */
  private boolean writeError(JsonBuffer o, Throwable t, int maxString) {
    int mark = o.mark();
    o.raw(Envelope.ERROR_TYPE).string(t.getClass().getName(), 256);
    String msg = ThrowableWriter.safeMessage(t);
    dev.correlog.Redaction r = format.redaction().get();
    if (r != null && msg != null) {
      msg = r.apply(msg);
    }
    if (msg != null) {
      o.raw(Envelope.ERROR_MESSAGE).string(msg, maxString);
    }
    o.raw(Envelope.ERROR_STACK).string(throwables.stack(t, maxString), maxString);
    throwables.trim();
    o.raw((byte) '}');
    if (o.overflowed()) {
      o.rollback(mark);
      o.raw(Envelope.ERROR_TYPE).string(t.getClass().getName(), 256).raw((byte) '}');
      return true;
    }
    return false;
  }
}
