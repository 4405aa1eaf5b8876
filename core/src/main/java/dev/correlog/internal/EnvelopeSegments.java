package dev.correlog.internal;

import dev.correlog.Level;
import dev.correlog.context.TraceContext;

/**
 * The envelope of a line inside a request, encoded in two segments that stay the same from one
 * event to the next on one builder, so that each is copied in one piece: the head, {@code
 * ,"level":..,"service":..,"version":..,"trace_id":"..","span_id":"..","request_id":..,"event":},
 * kept for the last context and level; and the tail after the event name, {@code
 * ,"parent_span_id":..,"logger":..,"thread":..,"environment":..}, kept for the last context, logger
 * and thread name. Each is rebuilt (from the context's ids, encoded once per context) when its key
 * changes; keys are compared by identity. One per {@link LineWriter}, so never shared.
 */
final class EnvelopeSegments {
  private final Envelope envelope;

  // The ids of the last context: trace_id..request_id, then parent_span_id from idsEnd.
  private final JsonBuffer ids = new JsonBuffer(256, 1024);
  private int idsEnd;
  private TraceContext idsContext;

  private final JsonBuffer head = new JsonBuffer(256, 16_384);
  private TraceContext headContext;
  private Level headLevel;

  private final JsonBuffer tail = new JsonBuffer(256, 16_384);
  private TraceContext tailContext;
  private LoggerName tailLogger;
  private String tailThread; // null: no thread field

  EnvelopeSegments(Envelope envelope) {
    this.envelope = envelope;
  }

  /** The head for {@code ctx} at {@code level}. */
  JsonBuffer head(TraceContext ctx, Level level) {
    if (ctx != headContext || level != headLevel) {
      ids(ctx);
      JsonBuffer h = head;
      h.reset();
      h.raw(envelope.levelPrefix(level)).raw(ids.array(), 0, idsEnd).raw(Envelope.EVENT);
      headContext = ctx;
      headLevel = level;
    }
    return head;
  }

  /**
   * The tail for {@code ctx} and {@code logger}, with the thread field of {@code thread} (already
   * encoded as {@code threadField}), or none when {@code thread} is null.
   */
  JsonBuffer tail(TraceContext ctx, LoggerName logger, String thread, byte[] threadField) {
    if (ctx != tailContext || logger != tailLogger || thread != tailThread) {
      ids(ctx);
      JsonBuffer t = tail;
      t.reset();
      t.raw(ids.array(), idsEnd, ids.length() - idsEnd).raw(logger.field);
      if (thread != null) {
        t.raw(threadField);
      }
      t.raw(envelope.environment());
      tailContext = ctx;
      tailLogger = logger;
      tailThread = thread;
    }
    return tail;
  }

  /** The encoded ids of {@code ctx}: trace_id..request_id, then parent_span_id. */
  JsonBuffer ids(TraceContext ctx) {
    if (ctx != idsContext) {
      encodeIds(ctx);
    }
    return ids;
  }

  /** Where the ids' parent_span_id part starts. */
  int idsEnd() {
    return idsEnd;
  }

  private void encodeIds(TraceContext ctx) {
    JsonBuffer b = ids;
    b.reset();
    b.hex16(ctx.traceIdHigh()).hex16(ctx.traceIdLow());
    b.raw(Envelope.SPAN_ID).hex16(ctx.spanId());
    b.raw(Envelope.REQUEST_ID);
    if (ctx.hasRequestId()) {
      b.string(ctx.requestId(), 128);
    } else {
      b.raw((byte) '"').hex16(ctx.traceIdHigh()).hex16(ctx.traceIdLow()).raw((byte) '"');
    }
    idsEnd = b.length();
    if (ctx.parentSpanId() != 0) {
      b.raw(Envelope.PARENT_SPAN_ID).hex16(ctx.parentSpanId()).raw((byte) '"');
    }
    idsContext = ctx;
    headContext = null;
    tailContext = null;
  }
}
