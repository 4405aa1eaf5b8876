package dev.correlog.internal;

import dev.correlog.EventBuilder;
import dev.correlog.Level;
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

  public Engine(EngineConfig config) {
    this.config = config;
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

  /** Starts an event that passed the level and sampling checks. */
  public EventBuilder start(Level level, String event, String loggerName, byte[] loggerField) {
    DefaultEventBuilder b = pool.acquire();
    b.begin(level, event, loggerName, loggerField, compiled.get(event));
    return b;
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
