package dev.correlog;

import dev.correlog.context.TraceContext;
import dev.correlog.internal.Engine;
import dev.correlog.internal.EngineConfig;
import dev.correlog.internal.Sampler;
import dev.correlog.internal.Settings;
import dev.correlog.sampling.ErrorBoost;
import dev.correlog.sampling.ErrorFlush;
import dev.correlog.sampling.Sampling;
import dev.correlog.schema.EventSchema;
import dev.correlog.schema.SchemaMode;
import dev.correlog.sink.Sink;
import dev.correlog.sink.Sinks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The entry point: build one per process, get {@link EventLogger}s from it.
 *
 * <pre>{@code
 * Correlog correlog = Correlog.builder().service("order-service").version("1.4.2").build();
 * EventLogger log = correlog.logger(Orders.class);
 * log.info("order.placed").field("user_id", 12345).field("amount", 99.99).emit();
 * }</pre>
 *
 * <p>Code that cannot be handed an instance (a servlet filter declared in web.xml, a Kafka
 * interceptor named in properties, the SLF4J provider) uses {@link #global()}: the instance given
 * to {@link #install(Correlog)}, else one configured from the environment.
 */
public final class Correlog implements AutoCloseable {
  private static volatile Correlog global;

  private final Engine engine;
  private final Counters counters;
  private final EventEncoder encoder;
  private final ConcurrentMap<String, EventLogger> loggers = new ConcurrentHashMap<>();

  private Correlog(EngineConfig config) {
    this.engine = new Engine(config, this::relevel);
    this.counters = new Counters(engine);
    this.encoder = new EventEncoder(engine);
    AsyncDrops.report(this, config.sink());
  }

  /**
   * Brings every kept logger's level and drop bound up to date after the sampler changed.
   * Serialised, and reading the sampler afresh each time: the last call writes the newest values.
   */
  private void relevel() {
    synchronized (loggers) {
      for (EventLogger l : loggers.values()) {
        l.refresh();
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The logger named after {@code type}'s fully qualified name; null: the {@code root} logger. */
  public EventLogger logger(Class<?> type) {
    return logger(type == null ? null : type.getName());
  }

  /**
   * The logger named {@code name}; the same instance for the same name, for the first {@link
   * #MAX_CACHED_LOGGERS} distinct names of at most {@link #MAX_CACHED_NAME_LENGTH} characters. A
   * null or empty name is the logger named {@code root}.
   *
   * <p>Names made at run time ({@code logger(userInput)}) cannot grow memory without bound: past
   * {@link #MAX_CACHED_LOGGERS} names, and for longer names, each call returns a new logger that is
   * not kept here, so it is collected when the caller drops it. It behaves like any other: its
   * level follows {@link Sampling#level} changes (checked at each event, one volatile read), and
   * its sampled-out events (and disabled ones, when counted) are counted in {@link Counters} (by a
   * striped add). A call costs the same whatever the number of names seen before.
   */
  public EventLogger logger(String name) {
    if (name == null || name.isEmpty()) {
      name = ROOT_LOGGER;
    }
    EventLogger existing = loggers.get(name);
    if (existing != null) {
      return existing;
    }
    if (name.length() > MAX_CACHED_NAME_LENGTH || loggers.size() >= MAX_CACHED_LOGGERS) {
      return EventLogger.uncached(engine, name);
    }
    synchronized (loggers) { // with relevel: a logger is made before it or seen by it
      return loggers.computeIfAbsent(name, n -> new EventLogger(engine, n));
    }
  }

  /**
   * How many distinct logger names are kept (each with its counters and level, updated when levels
   * change); later names get loggers that are not kept. Concurrent first calls may exceed it by the
   * number of threads making them.
   */
  public static final int MAX_CACHED_LOGGERS = 10_000;

  /** Logger names longer than this are never kept (see {@link #logger(String)}). */
  public static final int MAX_CACHED_NAME_LENGTH = 256;

  /** Logger names kept now (tests). */
  int cachedLoggers() {
    return loggers.size();
  }

  /** The name of the logger a null or empty name gives. */
  static final String ROOT_LOGGER = "root";

  /**
   * Writes events from elsewhere (a Logback event, say) as lines handed back to the caller, with
   * this instance's envelope and field rules and without sampling; see {@link EventEncoder}. The
   * same instance every call; thread-safe.
   */
  public EventEncoder encoder() {
    return encoder;
  }

  /** Declares (or replaces) an event's schema at run time; thread-safe. */
  public Correlog register(EventSchema schema) {
    engine.register(Objects.requireNonNull(schema, "schema"));
    return this;
  }

  /** The declared schemas, in registration order. */
  public Collection<EventSchema> schemas() {
    return engine.schemas();
  }

  /**
   * The envelope and every declared event as one JSON Schema (draft 2020-12) document. Needs
   * jackson-core on the class path.
   */
  public String toJsonSchema() {
    return engine.toJsonSchema();
  }

  /**
   * An OpenSearch / Elasticsearch composable index template (the body of {@code PUT
   * _index_template/NAME}) for the indices matching {@code indexPattern} (e.g. {@code correlog-*}):
   * ids, {@code level}, {@code service}, {@code event} as {@code keyword}, {@code timestamp} as
   * {@code date_nanos} (microseconds kept), {@code message} as {@code text}, each declared field
   * with the type its schema gives. Undeclared fields follow a bounded dynamic rule: strings become
   * {@code keyword} (ignore_above 1024), numbers {@code long}/{@code double}, at most 1000 fields 5
   * levels deep, malformed values ignored per field. A name two schemas declare with different
   * types maps to {@code double} (long and double) or to a disabled object (kept in {@code
   * _source}, not indexed). Needs jackson-core on the class path.
   *
   * @throws IllegalArgumentException when {@code indexPattern} is null or blank
   */
  public String toIndexTemplate(String indexPattern) {
    return dev.correlog.internal.IndexTemplateExporter.template(service(), indexPattern, schemas());
  }

  /**
   * An OpenSearch Index State Management policy (the body of {@code PUT
   * _plugins/_ism/policies/NAME}) attached to new indices matching {@code indexPattern}: hot for 7
   * days, then warm (read-only, force-merged to one segment), deleted when the index is {@code
   * deleteAfter} old. The Elasticsearch ILM equivalent is in the README. Needs jackson-core.
   *
   * @throws IllegalArgumentException when {@code deleteAfter} is not longer than 7 days or the
   *     pattern is blank
   */
  public String toLifecyclePolicy(String indexPattern, java.time.Duration deleteAfter) {
    return dev.correlog.internal.IndexTemplateExporter.policy(indexPattern, deleteAfter);
  }

  public Counters counters() {
    return counters;
  }

  /**
   * {@code context} with its head sampling decision made: unchanged when already decided (the
   * caller's flags, parent-based), else sampled when its trace id falls under the head ratio, the
   * same answer every service with the same ratio gives. Call it where a trace enters, before
   * propagating it, so the decision travels in the trace flags. A decision made here keeps its
   * probability p ({@link TraceContext#sampleRate()} = 1/p when sampled and p &lt; 1; the boosted
   * ratio during an error boost), so this service's lines of the trace carry {@code sample_rate}.
   */
  public TraceContext decide(TraceContext context) {
    return engine.decide(Objects.requireNonNull(context, "context"));
  }

  /**
   * Changes sampling rules, the head ratio and logger levels at run time (the public {@link
   * Sampling} interface).
   */
  public Sampling sampling() {
    return engine.sampler();
  }

  public String service() {
    return engine.config().identity().service();
  }

  public String version() {
    return engine.config().identity().version();
  }

  public SchemaMode schemaMode() {
    return engine.config().schemas().mode();
  }

  public Sink sink() {
    return engine.config().sink();
  }

  /** Flushes the sink. Never throws. */
  public void flush() {
    engine.flush();
  }

  /** Flushes and closes the sink. Never throws. */
  @Override
  public void close() {
    engine.close();
  }

  /** Makes {@code correlog} the process-wide instance returned by {@link #global()}. */
  public static void install(Correlog correlog) {
    global = Objects.requireNonNull(correlog, "correlog");
  }

  /** Removes the process-wide instance (tests); the next {@link #global()} configures anew. */
  public static void uninstall() {
    global = null;
  }

  /**
   * The process-wide instance: the one installed, else one built from the environment ({@link
   * Builder#build()} without arguments). When the service or version cannot be found there, it uses
   * {@code unknown_service:java} and {@code unknown}, as OpenTelemetry does, and says so once on
   * stderr: logging never fails at run time.
   */
  public static Correlog global() {
    Correlog c = global;
    if (c != null) {
      return c;
    }
    synchronized (Correlog.class) {
      if (global == null) {
        global = GlobalDefaults.build();
      }
      return global;
    }
  }

  /** Configures a {@link Correlog}. Every setter checks its argument at once. */
  public static final class Builder {
    private String service;
    private String version;
    private String environment;
    private Sink sink;
    private Clock clock = Clock.systemUTC();
    private SchemaMode schemaMode;
    private final List<EventSchema> schemas = new ArrayList<>();
    private Level level;
    private boolean includeThread = true;
    private boolean countDisabled;
    private int maxStringLength = 16 * 1024;
    private int maxLineBytes = 64 * 1024;
    private Settings settings;
    private double headRatio = 1.0;
    private Level alwaysKeep = Level.WARN;
    private ErrorFlush errorFlush;
    private ErrorBoost errorBoost;
    private final List<java.util.function.Consumer<Sampling>> samplingSteps = new ArrayList<>();

    private Builder() {}

    /** The probability with which a new trace is sampled (1.0, keep everything, by default). */
    public Builder headRatio(double ratio) {
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new IllegalArgumentException("headRatio must be in [0, 1], was " + ratio);
      }
      this.headRatio = ratio;
      return this;
    }

    /** Events at or above this level are never sampled away (WARN by default, at most WARN). */
    public Builder alwaysKeep(Level level) {
      Objects.requireNonNull(level, "level");
      if (level.isAtLeast(Level.ERROR)) {
        throw new IllegalArgumentException(
            "errors are never sampled: alwaysKeep must be WARN or lower");
      }
      this.alwaysKeep = level;
      return this;
    }

    /** See {@link Sampling#eventRule(String, double)}. */
    public Builder eventRule(String pattern, double p) {
      Sampler.checkPattern(pattern);
      samplingSteps.add(s -> s.eventRule(pattern, p));
      return this;
    }

    /** See {@link Sampling#loggerRule(String, double)}. */
    public Builder loggerRule(String prefix, double p) {
      samplingSteps.add(s -> s.loggerRule(prefix, p));
      return this;
    }

    /** The level of loggers named {@code prefix} or below it; see {@link Sampling#level}. */
    public Builder level(String prefix, Level level) {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(level, "level");
      samplingSteps.add(s -> s.level(prefix, level));
      return this;
    }

    /** Holds sampled-out lines of a request and writes them if it logs an error. */
    public Builder errorFlush(ErrorFlush limits) {
      this.errorFlush = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Raises the head ratio for a while when errors spike. */
    public Builder errorBoost(ErrorBoost boost) {
      this.errorBoost = Objects.requireNonNull(boost, "boost");
      return this;
    }

    public Builder service(String service) {
      this.service = requireText(service, "service");
      return this;
    }

    public Builder version(String version) {
      this.version = requireText(version, "version");
      return this;
    }

    public Builder environment(String environment) {
      this.environment = requireText(environment, "environment");
      return this;
    }

    /** Where lines go; standard output by default. */
    public Builder sink(Sink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** {@link SchemaMode#LENIENT} by default (or {@code correlog.schema.mode}). */
    public Builder schemaMode(SchemaMode mode) {
      this.schemaMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public Builder schema(EventSchema... schemas) {
      for (EventSchema s : schemas) {
        this.schemas.add(Objects.requireNonNull(s, "schema"));
      }
      return this;
    }

    /**
     * The lowest level written; INFO by default (or {@code correlog.level}). Levels by logger-name
     * prefix come from {@link #level(String, Level)} or the settings {@code
     * correlog.level.<prefix>=DEBUG} ({@code level.<prefix>=DEBUG} in correlog.properties).
     */
    public Builder level(Level level) {
      this.level = Objects.requireNonNull(level, "level");
      return this;
    }

    /** Whether lines carry {@code thread}; true by default. */
    public Builder includeThread(boolean includeThread) {
      this.includeThread = includeThread;
      return this;
    }

    /**
     * Whether {@link Counters#disabled()} counts the events below their logger's level; false by
     * default. Counting costs a store per disabled event on the calling thread (on a stripe of its
     * own, so threads sharing a logger do not contend): measured on 2 vCPUs, a disabled event took
     * about 2.1 ns counted and 0.6 ns not. Turn it on to see how many such calls an application
     * makes.
     */
    public Builder countDisabled(boolean countDisabled) {
      this.countDisabled = countDisabled;
      return this;
    }

    /** Longest string value written, in UTF-16 units (default 16 KiB); longer ones are cut. */
    public Builder maxStringLength(int chars) {
      if (chars < 64) {
        throw new IllegalArgumentException("maxStringLength must be at least 64, was " + chars);
      }
      this.maxStringLength = chars;
      return this;
    }

    /** Longest line, in bytes (default 64 KiB); fields past it are dropped and flagged. */
    public Builder maxLineBytes(int bytes) {
      if (bytes < 4096) {
        throw new IllegalArgumentException("maxLineBytes must be at least 4096, was " + bytes);
      }
      this.maxLineBytes = bytes;
      return this;
    }

    // ---- redaction by value ----
    private Redaction redaction;

    /**
     * Redacts secrets by value in messages and string values, whatever the field is called (see
     * {@link Redaction}); by default nothing is redacted by value.
     */
    public Builder redactValues(Redaction redaction) {
      this.redaction = Objects.requireNonNull(redaction, "redaction");
      return this;
    }

    // ----

    /** Reads defaults from these settings instead of the process's (tests). */
    Builder settings(Settings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * Builds the instance. Service and version not given here are read from {@code
     * OTEL_SERVICE_NAME} and {@code OTEL_RESOURCE_ATTRIBUTES}, then system properties {@code
     * correlog.service}/{@code correlog.version}, then a {@code correlog.properties} resource.
     *
     * @throws IllegalStateException naming what is missing
     */
    public Correlog build() {
      Settings s = settings != null ? settings : Settings.ofProcess();
      String svc = service != null ? service : s.service();
      String ver = version != null ? version : s.version();
      List<String> missing = new ArrayList<>();
      if (svc == null) {
        missing.add(
            "service (Correlog.builder().service(..), OTEL_SERVICE_NAME, -Dcorrelog.service, "
                + "or service= in correlog.properties)");
      }
      if (ver == null) {
        missing.add(
            "version (Correlog.builder().version(..), service.version in "
                + "OTEL_RESOURCE_ATTRIBUTES, -Dcorrelog.version, or version= in "
                + "correlog.properties)");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("Correlog needs a " + String.join(" and a ", missing));
      }
      String env = environment != null ? environment : s.environment();
      Level lvl = level != null ? level : parseOr(s.get("level"), Level.INFO);
      SchemaMode mode =
          schemaMode != null
              ? schemaMode
              : s.get("schema.mode") != null
                  ? SchemaMode.valueOf(
                      s.get("schema.mode").trim().toUpperCase(java.util.Locale.ROOT))
                  : SchemaMode.LENIENT;
      if (maxStringLength > maxLineBytes / 2) {
        maxStringLength = maxLineBytes / 2;
      }
      EngineConfig config =
          new EngineConfig(
              new EngineConfig.Identity(svc, ver, env),
              new EngineConfig.LineLimits(includeThread, maxStringLength, maxLineBytes),
              new EngineConfig.SamplingSetup(lvl, headRatio, alwaysKeep, errorFlush, errorBoost),
              new EngineConfig.Schemas(mode, List.copyOf(schemas)),
              sink != null ? sink : Sinks.stdout(),
              clock,
              countDisabled);
      Correlog correlog = new Correlog(config);
      correlog.engine.redaction(redaction);
      levelsByPrefix(s, correlog.sampling());
      for (java.util.function.Consumer<Sampling> step : samplingSteps) {
        step.accept(correlog.sampling());
      }
      return correlog;
    }

    /**
     * {@code correlog.level.<prefix>=DEBUG} (or {@code level.<prefix>=} in correlog.properties):
     * the level of the loggers named {@code prefix} or below it, before the ones given in code. A
     * value that is not a level is reported once on stderr and ignored.
     */
    private static void levelsByPrefix(Settings s, Sampling sampling) {
      for (java.util.Map.Entry<String, String> e : s.withPrefix("level.").entrySet()) {
        try {
          sampling.level(e.getKey(), Level.parse(e.getValue()));
        } catch (IllegalArgumentException ex) {
          dev.correlog.internal.Reporter.once(
              "settings.level." + e.getKey(),
              "ignoring correlog.level."
                  + e.getKey()
                  + "="
                  + e.getValue()
                  + ": "
                  + ex.getMessage());
        }
      }
    }

    private static Level parseOr(String value, Level fallback) {
      return value == null ? fallback : Level.parse(value);
    }

    private static String requireText(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }
  }
}
