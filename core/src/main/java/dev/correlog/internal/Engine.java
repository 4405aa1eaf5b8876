package dev.correlog.internal;

import dev.correlog.EventBuilder;
import dev.correlog.EventEncoder;
import dev.correlog.Level;
import dev.correlog.context.TraceContext;
import dev.correlog.schema.EventSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machinery behind one {@code Correlog}: compiled schemas, the sampling decision, builders, the
 * guarded sink and the counters. Not part of the API.
 *
 * <p>Calls go one way: the engine decides and starts a builder; the builder writes its line through
 * its {@link LineWriter} and hands it to the {@link LineOutput} (sink or error-flush buffer); error
 * flush writes held lines to the sink itself; a boost announcement is a builder the engine starts
 * directly. Nothing below calls back into the engine.
 */
public final class Engine {
  /** The event name of an event given a null or empty one. */
  public static final String DEFAULT_EVENT = "log";

  private static final LoggerName SAMPLING_LOGGER = LoggerName.of("dev.correlog.sampling");

  private final EngineConfig config;
  private final SinkGuard sink;
  private final Metrics metrics;
  private final BuilderPool pool;
  private final Object schemaLock = new Object();
  private volatile Map<String, CompiledSchema> compiled = Map.of();
  private volatile Map<String, EventSchema> declared = Map.of();
  private final Sampler sampler;
  private final RequestBuffers requestBuffers; // null: error flush off
  private final ErrorBoostMonitor boost; // null: no boost
  private final TraceExitHook exitHook; // held here; the storage holds it weakly

  public Engine(EngineConfig config, Runnable onSamplerChanged) {
    this.metrics = new Metrics(config.countDisabled());
    this.config = config;
    EngineConfig.SamplingSetup s = config.sampling();
    this.sampler =
        new Sampler(
            s.headRatio(),
            s.alwaysKeep(),
            s.level(),
            onSamplerChanged,
            s.errorFlush() == null && s.errorBoost() == null);
    this.sink = new SinkGuard(config.sink(), metrics);
    this.requestBuffers =
        s.errorFlush() == null ? null : new RequestBuffers(s.errorFlush(), sink, metrics);
    this.boost = s.errorBoost() == null ? null : new ErrorBoostMonitor(s.errorBoost());
    if (requestBuffers != null) {
      exitHook = new TraceExitHook(requestBuffers);
      ScopeDecorators.addWeak(exitHook);
    } else {
      exitHook = null;
    }
    this.pool = new BuilderPool(format(config), new LineOutput(sink, requestBuffers, metrics));
    for (EventSchema schema : config.schemas().declared()) {
      register(schema);
    }
  }

  private LineFormat format(EngineConfig config) {
    LineFormat f = LineFormat.of(config);
    redaction = f.redaction();
    return f;
  }

  // ---- redaction by value (set once by Correlog.Builder before the instance is returned) ----
  private LineFormat.RedactionRef redaction;

  /** Sets the value redaction; null or {@code Redaction.none()} for none. */
  public void redaction(dev.correlog.Redaction r) {
    redaction.set(r);
  }

  /** Dropped lines error flush wrote after all, and those it could not hold (bounds). */
  public long errorFlushed() {
    return requestBuffers == null ? 0 : requestBuffers.flushed.sum();
  }

  public long errorFlushOverflow() {
    return requestBuffers == null ? 0 : requestBuffers.overflow.sum();
  }

  /** Registers or replaces the schema of one event; compiled once, here. */
  public void register(EventSchema schema) {
    CompiledSchema c = new CompiledSchema(schema);
    synchronized (schemaLock) {
      Map<String, CompiledSchema> nextCompiled = new HashMap<>(compiled);
      nextCompiled.put(schema.event(), c);
      Map<String, EventSchema> nextDeclared = new LinkedHashMap<>(declared);
      nextDeclared.put(schema.event(), schema);
      compiled = nextCompiled;
      declared = nextDeclared;
    }
  }

  public Collection<EventSchema> schemas() {
    return new ArrayList<>(declared.values());
  }

  public Sampler sampler() {
    return sampler;
  }

  /**
   * The context an event belongs to when none is given: the calling thread's, by the one rule (an
   * OpenTelemetry span first).
   */
  private static TraceContext current() {
    return TraceContext.current();
  }

  /**
   * Starts an event that passed its logger's level, or returns null when sampling drops it. The
   * whole decision is made here, before anything is encoded, from {@code context} (null: the
   * calling thread's current context). A kept line below WARN that the sink is not {@code
   * accepting} gets the no-op builder, counted as dropped.
   */
  public EventBuilder start(Level level, String event, LoggerName logger, TraceContext context) {
    // The scope is read once for the context and for this thread's builder (BuilderPool.acquire).
    ScopeStack.Node top = context != null ? null : ScopeStack.top();
    TraceContext ctx = context != null ? context : OtelBridge.effective(ScopeStack.context(top));
    // The common drop, kept small enough to inline into EventLogger.at: a context already decided
    // not sampled, no rule, no error flush, no boost (see Sampler.State.decidedDropBelow). The
    // same outcome as the full decision below, without the call.
    if (ctx != null
        && level.ordinal() < sampler.state().decidedDropBelow
        && ctx.isSamplingDecided()
        && !ctx.isSampled()) {
      return null;
    }
    return decideAndStart(level, event, logger, ctx, top);
  }

  /** The whole decision and, when kept (or held), the builder; {@code ctx} null: a fresh root. */
  private EventBuilder decideAndStart(
      Level level, String event, LoggerName logger, TraceContext ctx, ScopeStack.Node top) {
    if (event == null || event.isEmpty()) {
      event = DEFAULT_EVENT;
    }
    long high = 0;
    long low;
    long span = 0;
    if (ctx != null) {
      low = ctx.traceIdLow();
    } else {
      high = Ids.random();
      low = Ids.nonZero();
      span = Ids.nonZero();
    }
    if (boost != null) {
      int change = boost.record(level, System.nanoTime());
      if (change != 0) {
        announce(change, ctx);
      }
    }
    Sampler.State st = sampler.state();
    double rate = 0;
    boolean traceSampled; // the trace's head decision: false is written as "trace_sampled":false
    if (level.ordinal() < st.alwaysKeep) {
      SamplingRule rule = st.hasRules ? st.match(event, logger.name()) : null;
      boolean keep;
      if (rule != null) {
        keep = Sampler.keep(low, rule.bound());
        rate = rule.rate();
        traceSampled = traceSampled(ctx, st);
      } else if (ctx != null && ctx.isSamplingDecided()) {
        keep = traceSampled = ctx.isSampled(); // parent-based
        rate = ctx.sampleRate(); // 1/p of a decision made here (decide), 0 for a caller's
      } else {
        long bound = headBound(st);
        keep = traceSampled = Sampler.keep(low, bound);
        rate = bound == st.headBound ? st.headRate : Sampler.rate(boost.config().boostedRatio());
      }
      if (!keep) {
        if (requestBuffers == null || ctx == null) {
          return null;
        }
        DefaultEventBuilder held = builder(level, event, logger, ctx, 0, 0, 0, top);
        held.holdForErrorFlush();
        held.traceSampled(traceSampled);
        return held;
      }
    } else {
      traceSampled = traceSampled(ctx, st);
    }
    if (level == Level.ERROR && requestBuffers != null && ctx != null) {
      requestBuffers.flush(ctx);
    }
    if (level.ordinal() < Level.WARN.ordinal() && !sink.accepting(level)) {
      return NoopEventBuilder.INSTANCE; // The sink would drop it: not encoded, counted as dropped.
    }
    DefaultEventBuilder b = builder(level, event, logger, ctx, high, low, span, top);
    b.sampleRate(rate);
    b.traceSampled(traceSampled);
    return b;
  }

  /** The head-sampling bound in force: the configured one, or the error boost's while raised. */
  private long headBound(Sampler.State st) {
    return boost == null ? st.headBound : boost.headBound(st.headBound);
  }

  /**
   * The head decision of the trace {@code ctx} belongs to, for an event kept or dropped by
   * something else (its level, a rule): the decision when made, else the one {@link #decide} would
   * make now. Outside any trace (null) true: the event's fresh root is a trace of one line, none of
   * it missing.
   */
  private boolean traceSampled(TraceContext ctx, Sampler.State st) {
    if (ctx == null) {
      return true;
    }
    if (ctx.isSamplingDecided()) {
      return ctx.isSampled();
    }
    return Sampler.keep(ctx.traceIdLow(), headBound(st));
  }

  /**
   * Starts an encoder line: no sampling, no error flush, no boost; {@code context} null: the
   * calling thread's current context, or a fresh root.
   */
  public EventEncoder.Line line(
      Level level, String event, LoggerName logger, TraceContext context) {
    TraceContext ctx = context != null ? context : current();
    if (event == null || event.isEmpty()) {
      event = DEFAULT_EVENT;
    }
    DefaultEventBuilder b =
        ctx != null
            ? builder(level, event, logger, ctx, 0, 0, 0, null)
            : builder(level, event, logger, null, Ids.random(), Ids.nonZero(), Ids.nonZero(), null);
    b.traceSampled(traceSampled(ctx, sampler.state()));
    return b.asEncoderLine();
  }

  /** {@code top}: the thread's innermost scope when read already (else null), see BuilderPool. */
  private DefaultEventBuilder builder(
      Level level,
      String event,
      LoggerName logger,
      TraceContext ctx,
      long high,
      long low,
      long span,
      ScopeStack.Node top) {
    DefaultEventBuilder b = pool.acquire(top);
    b.begin(level, event, logger, compiled.get(event));
    if (ctx != null) {
      b.context(ctx);
    } else {
      b.root(high, low, span);
    }
    return b;
  }

  /** See {@code Correlog.decide}. */
  public TraceContext decide(TraceContext ctx) {
    if (ctx.isSamplingDecided()) {
      return ctx;
    }
    Sampler.State st = sampler.state();
    long bound = headBound(st);
    double p = bound == st.headBound ? st.headRatio : boost.config().boostedRatio();
    return ctx.withSampled(Sampler.keep(ctx.traceIdLow(), bound), p); // sample_rate 1/p
  }

  /** Writes the boost change as a WARN event (always kept), without going through start(). */
  private void announce(int change, TraceContext ctx) {
    long now = System.nanoTime();
    String event = "correlog.sampling.boost";
    DefaultEventBuilder b =
        ctx != null
            ? builder(Level.WARN, event, SAMPLING_LOGGER, ctx, 0, 0, 0, null)
            : builder(
                Level.WARN,
                event,
                SAMPLING_LOGGER,
                null,
                Ids.random(),
                Ids.nonZero(),
                Ids.nonZero(),
                null);
    b.traceSampled(traceSampled(ctx, sampler.state()));
    b.field("state", change > 0 ? "raised" : "restored")
        .field("error_share", boost.errorShare(now))
        .field("head_ratio", change > 0 ? boost.config().boostedRatio() : sampler.headRatio())
        .message(
            change > 0
                ? "error share passed the threshold; head sampling ratio raised"
                : "cool-down over; head sampling ratio restored")
        .emit();
  }

  public void flush() {
    sink.flush();
  }

  public void close() {
    if (exitHook != null) {
      ScopeDecorators.remove(exitHook);
    }
    if (requestBuffers != null) {
      requestBuffers.discardAll(); // counted as sampled out: no error came for them
    }
    sink.flush();
    sink.close();
  }

  public Metrics metrics() {
    return metrics;
  }

  public EngineConfig config() {
    return config;
  }

  public String toJsonSchema() {
    return JsonSchemaExporter.export(config.identity().service(), declared.values());
  }
}
