package dev.correlog.internal;

import dev.correlog.context.TraceContext;

/**
 * Reads the current OpenTelemetry span, when the OpenTelemetry API is on the class path, so that
 * events written inside it carry its trace and span ids. Only the API is needed, no SDK. Costs a
 * {@code Span.current()} lookup when no span is current, and nothing at all (one volatile read) as
 * long as no context holding a span was ever attached through OpenTelemetry's storage, which the
 * bridge wraps to know it; repeated events in one span reuse one {@link TraceContext}. This is the
 * one rule for "current": {@code TraceContext.current()} applies it, so lines, client spans and
 * injection agree. Never throws: a failure is reported once and turns the bridge off.
 */
public final class OtelBridge {
  /** True when {@code io.opentelemetry.api.trace.Span} can be loaded. */
  public static final boolean AVAILABLE = otelPresent();

  private static volatile boolean disabled;

  /**
   * {@code !AVAILABLE || disabled || (watching && !spanAttached)}, kept up to date by {@link
   * #recompute()} whenever one of them changes: the one read an event makes here.
   */
  private static volatile boolean bypass = !AVAILABLE;

  /**
   * True once OpenTelemetry's context storage is known to be the one wrapped by {@link Otel}: every
   * attach then goes through the wrapper, so while {@link #spanAttached} is false no span can be
   * current and {@code Span.current()} need not be asked. Both flags only ever turn true.
   */
  private static volatile boolean watching;

  /** True once a context holding a span was attached through the wrapped storage. */
  private static volatile boolean spanAttached;

  private OtelBridge() {}

  private static boolean otelPresent() {
    try {
      Class.forName("io.opentelemetry.api.trace.Span", false, OtelBridge.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * The context events should carry: the current OpenTelemetry span's ids when a valid one is
   * current, else {@code correlogCurrent} unchanged (which may be null). The ids come from the
   * span; the parent span id is {@code correlogCurrent}'s when it names the same span, else 0; the
   * trace flags and tracestate are the span's; the request id is {@code correlogCurrent}'s, if it
   * has one.
   */
  public static TraceContext effective(TraceContext correlogCurrent) {
    if (bypass) {
      return correlogCurrent;
    }
    try {
      return Otel.effective(correlogCurrent);
    } catch (RuntimeException | LinkageError e) {
      disabled = true;
      recompute();
      Reporter.once("otel", "reading the OpenTelemetry span failed; the bridge is off", e);
      return correlogCurrent;
    }
  }

  /**
   * True when no OpenTelemetry span can be current (see {@link #effective}): {@code
   * TraceContext.current()} is then Correlog's own context.
   */
  public static boolean bypassed() {
    return bypass;
  }

  /**
   * Sets {@link #bypass} from the flags it stands for. Each flag is written before this is called,
   * and calls are serialised, so the last call sees every flag written before it: the bypass is
   * never left on once a span was attached (which turns it off for good) or the bridge re-enabled.
   */
  private static synchronized void recompute() {
    bypass = !AVAILABLE || disabled || (watching && !spanAttached);
  }

  /** Turns the bridge back on after a failure (tests only). */
  static void reenable() {
    disabled = false;
    recompute();
    Reporter.rearm("otel");
  }

  /** Touches OpenTelemetry classes; loaded only when the bridge is used. */
  private static final class Otel {
    /**
     * Recent answers, in slots chosen by the span context's identity: repeated events in one span
     * reuse one context without a thread-local (a thread-local holding Correlog's classes would
     * keep a redeployed application's class loader alive through pooled container threads). Entries
     * are immutable, so racing threads at worst miss and recompute.
     */
    private static final Entry[] CACHE = new Entry[64];

    /** The storage wrapper, when OpenTelemetry applied it (null until then, or never). */
    private static volatile io.opentelemetry.context.ContextStorage wrapped;

    static {
      // Accepted only while OpenTelemetry's storage is not yet in use; applied at its first use
      // (at the latest by Span.current() below). If another storage (an agent's) is in use instead,
      // it is not ours, and every event keeps asking Span.current(). Only when OpenTelemetry is
      // loaded with Correlog: a storage of a parent class loader (a container's) holding the
      // wrapper would keep a redeployed application's class loader alive.
      if (io.opentelemetry.context.ContextStorage.class.getClassLoader()
          == OtelBridge.class.getClassLoader()) {
        io.opentelemetry.context.ContextStorage.addWrapper(Watching::new);
      }
    }

    /** The current span's context, after checking whether the wrapper became the storage. */
    private static io.opentelemetry.api.trace.SpanContext current() {
      io.opentelemetry.api.trace.SpanContext sc =
          io.opentelemetry.api.trace.Span.current().getSpanContext();
      if (!watching && wrapped != null) {
        watching = io.opentelemetry.context.ContextStorage.get() == wrapped;
        if (watching) {
          recompute();
        }
      }
      return sc;
    }

    static TraceContext effective(TraceContext correlogCurrent) {
      io.opentelemetry.api.trace.SpanContext sc = current();
      if (!sc.isValid()) {
        return correlogCurrent;
      }
      int slot = System.identityHashCode(sc) & (CACHE.length - 1);
      Entry last = CACHE[slot];
      if (last != null && last.spanContext == sc && last.correlog == correlogCurrent) {
        return last.result;
      }
      TraceContext result = convert(sc, correlogCurrent);
      if (result == null) {
        return correlogCurrent;
      }
      CACHE[slot] = new Entry(sc, correlogCurrent, result);
      return result;
    }

    /** OpenTelemetry's storage, noting the first attach of a context that holds a span. */
    private static final class Watching implements io.opentelemetry.context.ContextStorage {
      private final io.opentelemetry.context.ContextStorage delegate;

      Watching(io.opentelemetry.context.ContextStorage delegate) {
        this.delegate = delegate;
        wrapped = this;
      }

      @Override
      public io.opentelemetry.context.Scope attach(io.opentelemetry.context.Context toAttach) {
        if (!spanAttached
            && toAttach != null
            && io.opentelemetry.api.trace.Span.fromContextOrNull(toAttach) != null) {
          spanAttached = true;
          recompute();
        }
        return delegate.attach(toAttach);
      }

      @Override
      public io.opentelemetry.context.Context current() {
        return delegate.current();
      }

      @Override
      public io.opentelemetry.context.Context root() {
        return delegate.root();
      }
    }

    /** A span context seen, the Correlog context given with it, and the answer. */
    private static final class Entry {
      final io.opentelemetry.api.trace.SpanContext spanContext;
      final TraceContext correlog;
      final TraceContext result;

      Entry(
          io.opentelemetry.api.trace.SpanContext spanContext,
          TraceContext correlog,
          TraceContext result) {
        this.spanContext = spanContext;
        this.correlog = correlog;
        this.result = result;
      }
    }

    /** The span context as a TraceContext, or null when its ids are not lowercase hex. */
    private static TraceContext convert(
        io.opentelemetry.api.trace.SpanContext sc, TraceContext correlogCurrent) {
      String traceId = sc.getTraceId();
      String spanId = sc.getSpanId();
      if (traceId.length() != 32
          || spanId.length() != 16
          || !Hex.ok(traceId, 0, 32)
          || !Hex.ok(spanId, 0, 16)) {
        return null;
      }
      long high = Hex.parse(traceId, 0, 16);
      long low = Hex.parse(traceId, 16, 16);
      long span = Hex.parse(spanId, 0, 16);
      if ((high == 0 && low == 0) || span == 0) {
        return null;
      }
      byte flags =
          (byte)
              (sc.getTraceFlags().asByte()
                  & (TraceContext.FLAG_SAMPLED | TraceContext.FLAG_RANDOM));
      long parent = 0;
      String requestId = null;
      if (correlogCurrent != null) {
        boolean sameSpan =
            correlogCurrent.traceIdHigh() == high
                && correlogCurrent.traceIdLow() == low
                && correlogCurrent.spanId() == span;
        if (sameSpan && correlogCurrent.flags() == flags) {
          return correlogCurrent;
        }
        parent = sameSpan ? correlogCurrent.parentSpanId() : 0;
        requestId = correlogCurrent.hasRequestId() ? correlogCurrent.requestId() : null;
      }
      return TraceContext.of(
          high, low, span, parent, flags, traceState(sc.getTraceState()), requestId);
    }

    /** The W3C {@code tracestate} header value of {@code ts}, or null when it is empty. */
    private static String traceState(io.opentelemetry.api.trace.TraceState ts) {
      if (ts.isEmpty()) {
        return null;
      }
      StringBuilder sb = new StringBuilder();
      ts.forEach(
          (k, v) -> {
            if (sb.length() > 0) {
              sb.append(',');
            }
            sb.append(k).append('=').append(v);
          });
      return sb.toString();
    }
  }
}
