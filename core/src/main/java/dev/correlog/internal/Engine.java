package dev.correlog.internal;

import dev.correlog.EventBuilder;
import dev.correlog.Level;
import dev.correlog.context.TraceContext;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machinery behind one {@code Correlog}: configuration, compiled schemas, builders, the guarded
 * sink and the counters. Not part of the API.
 */
public final class Engine {
  /** Bytes kept free at the end of a line for schema_errors, the truncation flag and "}\n". */
  static final int TAIL_RESERVE = 1024;

  private final EngineConfig config;
  private final Envelope envelope;
  private final SinkGuard sink;
  private final Metrics metrics = new Metrics();
  private final Clock clock;
  private final BuilderPool pool;
  private final Object schemaLock = new Object();
  private final List<DisabledCounter> disabledCounters =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Map<String, CompiledSchema> compiled = Map.of();
  private volatile Map<String, EventSchema> declared = Map.of();
  private final Sampler sampler;
  private final RequestBuffers requestBuffers; // null: error flush off
  private final ErrorBoostMonitor boost; // null: no boost
  private final TraceExitHook exitHook; // held here; the storage holds it weakly

  public Engine(EngineConfig config, Runnable onLevelsChanged) {
    this.config = config;
    this.sampler =
        new Sampler(config.headRatio(), config.alwaysKeep(), config.level(), onLevelsChanged);
    this.requestBuffers =
        config.errorFlush() == null ? null : new RequestBuffers(config.errorFlush());
    this.boost = config.errorBoost() == null ? null : new ErrorBoostMonitor(config.errorBoost());
    if (requestBuffers != null) {
      exitHook = new TraceExitHook(requestBuffers);
      ScopeDecorators.addWeak(exitHook);
    } else {
      exitHook = null;
    }
    this.envelope = new Envelope(config.service(), config.version(), config.environment());
    this.sink = new SinkGuard(config.sink(), metrics);
    this.clock = config.clock();
    this.pool = new BuilderPool(this);
    for (EventSchema s : config.schemas()) {
      register(s);
    }
  }

  /** Something that counts disabled events without synchronization (an EventLogger). */
  public interface DisabledCounter {
    long disabledCount();

    long sampledOutCount();
  }

  public void track(DisabledCounter counter) {
    disabledCounters.add(counter);
  }

  public long disabledCount() {
    long sum = 0;
    for (DisabledCounter c : disabledCounters) {
      sum += c.disabledCount();
    }
    return sum;
  }

  public long sampledOutCount() {
    long sum = metrics.sampledOut.sum();
    for (DisabledCounter c : disabledCounters) {
      sum += c.sampledOutCount();
    }
    return sum;
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

  CompiledSchema schemaOf(String event) {
    return compiled.get(event);
  }

  public Sampler sampler() {
    return sampler;
  }

  /**
   * Starts an event that passed its logger's level, or returns null when sampling drops it. The
   * whole decision is made here, before anything is encoded.
   */
  public EventBuilder start(Level level, String event, String loggerName, byte[] loggerField) {
    TraceContext ctx = TraceContext.current(); // the one rule: an OpenTelemetry span first
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
      announce(boost.record(level, System.nanoTime()));
    }
    Sampler.State st = sampler.state();
    double rate = 0;
    if (level.ordinal() < st.alwaysKeep) {
      Sampler.Rule rule = st.hasRules ? st.match(event, loggerName) : null;
      boolean keep;
      if (rule != null) {
        keep = Sampler.keep(low, rule.bound());
        rate = rule.rate();
      } else if (ctx != null && ctx.isSamplingDecided()) {
        keep = ctx.isSampled(); // parent-based: the caller's decision, rate unknown here
      } else {
        long bound = boost == null ? st.headBound : boost.headBound(st.headBound);
        keep = Sampler.keep(low, bound);
        rate = bound == st.headBound ? st.headRate : Sampler.rate(boost.config().boostedRatio());
      }
      if (!keep) {
        if (requestBuffers == null || ctx == null) {
          return null;
        }
        DefaultEventBuilder held = pool.acquire();
        held.begin(
            level, event, loggerName, loggerField, compiled.get(event), ctx, high, low, span, 0);
        held.holdForErrorFlush = true;
        return held;
      }
    }
    if (level == Level.ERROR && requestBuffers != null && ctx != null) {
      requestBuffers.flush(ctx, this);
    }
    DefaultEventBuilder b = pool.acquire();
    b.begin(level, event, loggerName, loggerField, compiled.get(event), ctx, high, low, span, rate);
    return b;
  }

  /** See {@code Correlog.decide}. */
  public TraceContext decide(TraceContext ctx) {
    if (ctx.isSamplingDecided()) {
      return ctx;
    }
    long bound = sampler.state().headBound;
    if (boost != null) {
      bound = boost.headBound(bound);
    }
    return ctx.withSampled(Sampler.keep(ctx.traceIdLow(), bound));
  }

  private void announce(int change) {
    if (change == 0) {
      return;
    }
    long now = System.nanoTime();
    EventBuilder b =
        start(Level.WARN, "correlog.sampling.boost", "dev.correlog.sampling", SAMPLING_LOGGER);
    if (b != null) {
      b.field("state", change > 0 ? "raised" : "restored")
          .field("error_share", boost.errorShare(now))
          .field("head_ratio", change > 0 ? boost.config().boostedRatio() : sampler.headRatio())
          .message(
              change > 0
                  ? "error share passed the threshold; head sampling ratio raised"
                  : "cool-down over; head sampling ratio restored")
          .emit();
    }
  }

  private static final byte[] SAMPLING_LOGGER = Envelope.loggerField("dev.correlog.sampling");

  /** Holds a dropped line for error flush. */
  void hold(TraceContext ctx, Level level, byte[] line, int off, int len) {
    requestBuffers.hold(ctx, level, line, off, len);
  }

  RequestBuffers requestBuffers() {
    return requestBuffers;
  }

  void release(DefaultEventBuilder b) {
    pool.release(b);
  }

  boolean write(Level level, byte[] line, int off, int len) {
    return sink.write(level, line, off, len);
  }

  public void flush() {
    sink.flush();
  }

  public void close() {
    if (exitHook != null) {
      ScopeDecorators.remove(exitHook);
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

  Envelope envelope() {
    return envelope;
  }

  Clock clock() {
    return clock;
  }

  boolean strict() {
    return config.schemaMode() == SchemaMode.STRICT;
  }

  public String toJsonSchema() {
    return JsonSchemaExporter.export(config.service(), declared.values());
  }
}
