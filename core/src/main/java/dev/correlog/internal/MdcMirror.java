package dev.correlog.internal;

import dev.correlog.context.TraceContext;

/**
 * Mirrors the current context into SLF4J's MDC, under the key names of OpenTelemetry's Logback MDC
 * instrumentation, so pattern-layout users see {@code %X{trace_id}}. Does nothing when SLF4J is not
 * on the class path.
 */
public final class MdcMirror {
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String TRACE_FLAGS = "trace_flags";
  public static final String REQUEST_ID = "request_id";

  private static final boolean ENABLED = slf4jPresent();

  private MdcMirror() {}

  private static boolean slf4jPresent() {
    try {
      Class.forName("org.slf4j.MDC", false, MdcMirror.class.getClassLoader());
      return !Boolean.getBoolean("correlog.mdc.disabled");
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Puts {@code context} in the MDC and returns what was there, for {@link #restore(Object)}. */
  static Object enter(TraceContext context) {
    if (!ENABLED) {
      return null;
    }
    try {
      return Slf4jMdc.enter(context);
    } catch (RuntimeException | LinkageError e) {
      Reporter.once("mdc", "could not update the SLF4J MDC", e);
      return null;
    }
  }

  static void restore(Object saved) {
    if (!ENABLED || saved == null) {
      return;
    }
    try {
      Slf4jMdc.restore((String[]) saved);
    } catch (RuntimeException | LinkageError e) {
      Reporter.once("mdc", "could not update the SLF4J MDC", e);
    }
  }

  /** Touches SLF4J classes; loaded only when SLF4J is present. */
  private static final class Slf4jMdc {
    private static final String[] KEYS = {TRACE_ID, SPAN_ID, TRACE_FLAGS, REQUEST_ID};

    static String[] enter(TraceContext c) {
      String[] saved = new String[KEYS.length];
      for (int i = 0; i < KEYS.length; i++) {
        saved[i] = org.slf4j.MDC.get(KEYS[i]);
      }
      org.slf4j.MDC.put(TRACE_ID, c.traceIdHex());
      org.slf4j.MDC.put(SPAN_ID, c.spanIdHex());
      org.slf4j.MDC.put(TRACE_FLAGS, c.isSampled() ? "01" : "00");
      org.slf4j.MDC.put(REQUEST_ID, c.requestId());
      return saved;
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
