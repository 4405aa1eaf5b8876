package dev.correlog.internal;

import dev.correlog.context.Scope;
import dev.correlog.context.ScopeDecorator;
import dev.correlog.context.TraceContext;

/**
 * Mirrors the current context into SLF4J's MDC, under the key names of OpenTelemetry's Logback MDC
 * instrumentation, so pattern-layout users see {@code %X{trace_id}}: one {@link ScopeDecorator},
 * published as {@code ContextStorage.mdcMirror()}. Goes through {@code org.slf4j.MDC} only, never a
 * particular MDC adapter. Does nothing when SLF4J is not on the class path.
 */
public final class MdcMirror implements ScopeDecorator {
  /** The one mirror, registered with the storage by default when SLF4J is present. */
  public static final MdcMirror INSTANCE = new MdcMirror();

  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String TRACE_FLAGS = "trace_flags";
  public static final String REQUEST_ID = "request_id";

  /** True when {@code org.slf4j.MDC} can be loaded. */
  static final boolean AVAILABLE = slf4jPresent();

  private static final String[] FLAGS_HEX = flagsTable();

  private MdcMirror() {}

  private static String[] flagsTable() {
    String[] t = new String[256];
    for (int i = 0; i < t.length; i++) {
      t[i] = Hex.toHex(i).substring(14);
    }
    return t;
  }

  private static boolean slf4jPresent() {
    try {
      Class.forName("org.slf4j.MDC", false, MdcMirror.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Puts {@code context} in the MDC (null: removes Correlog's keys) and returns the scope that puts
   * back what was there. Never throws; does nothing without SLF4J.
   */
  @Override
  public Scope decorate(TraceContext context) {
    if (!AVAILABLE) {
      return null;
    }
    String[] saved;
    try {
      saved = Slf4jMdc.save();
    } catch (RuntimeException | LinkageError e) {
      Reporter.once("mdc", "could not read the SLF4J MDC", e);
      return null;
    }
    try {
      Slf4jMdc.put(context);
    } catch (RuntimeException | LinkageError e) {
      Reporter.once("mdc", "could not update the SLF4J MDC", e);
    }
    return new Restore(saved); // even after a failed put, so that close undoes what was written
  }

  @Override
  public String toString() {
    return "ContextStorage.mdcMirror()";
  }

  /** Puts back the values the MDC had before the scope. */
  private static final class Restore implements Scope {
    private final String[] saved;

    Restore(String[] saved) {
      this.saved = saved;
    }

    @Override
    public void close() {
      try {
        Slf4jMdc.restore(saved);
      } catch (RuntimeException | LinkageError e) {
        Reporter.once("mdc", "could not update the SLF4J MDC", e);
      }
    }
  }

  /** The {@code trace_flags} value: the whole flags byte as 2 lowercase hex digits. */
  static String flagsHex(byte flags) {
    return FLAGS_HEX[flags & 0xff];
  }

  /** Touches SLF4J classes; loaded only when SLF4J is present. */
  private static final class Slf4jMdc {
    private static final String[] KEYS = {TRACE_ID, SPAN_ID, TRACE_FLAGS, REQUEST_ID};

    static String[] save() {
      String[] saved = new String[KEYS.length];
      for (int i = 0; i < KEYS.length; i++) {
        saved[i] = org.slf4j.MDC.get(KEYS[i]);
      }
      return saved;
    }

    static void put(TraceContext c) {
      if (c == null) {
        for (String key : KEYS) {
          org.slf4j.MDC.remove(key);
        }
        return;
      }
      org.slf4j.MDC.put(TRACE_ID, c.traceIdHex());
      org.slf4j.MDC.put(SPAN_ID, c.spanIdHex());
      if (c.isSamplingDecided()) {
        org.slf4j.MDC.put(TRACE_FLAGS, flagsHex(c.flags()));
      } else {
        org.slf4j.MDC.remove(TRACE_FLAGS); // no decision yet: "02" would read as "not sampled"
      }
      org.slf4j.MDC.put(REQUEST_ID, c.requestId());
    }

    static void restore(String[] saved) {
      for (int i = 0; i < KEYS.length; i++) {
        if (saved[i] == null) {
          org.slf4j.MDC.remove(KEYS[i]);
        } else {
          org.slf4j.MDC.put(KEYS[i], saved[i]);
        }
      }
    }
  }
}
