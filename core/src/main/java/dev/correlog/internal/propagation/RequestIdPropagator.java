package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Setter;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code x-request-id}. It carries no trace, so {@link #extract} always returns null; within a
 * composite it is read beside the winning format ({@link #decorate}) or into a new root ({@link
 * #seedRoot}).
 *
 * <p>A received value is kept when, after trimming spaces and tabs, it is 1 to 128 characters of
 * letters, digits and {@code -._:@/+=}. Otherwise it is treated as absent (the context's request id
 * then falls back to its trace id) and counted in {@link #rejected()}. An empty value is simply
 * absent. Only a valid explicit request id is injected, so a value set in code can never smuggle a
 * line break into a header.
 */
public final class RequestIdPropagator implements Propagator, ExtractHooks {
  public static final RequestIdPropagator INSTANCE = new RequestIdPropagator();

  static final String HEADER = "x-request-id";
  static final int MAX_LENGTH = 128;

  private static final List<String> FIELDS = List.of(HEADER);
  private static final LongAdder REJECTED = new LongAdder();

  private RequestIdPropagator() {}

  /** Received request ids rejected in this JVM so far. */
  public static long rejected() {
    return REJECTED.sum();
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> TraceContext extract(C carrier, Getter<C> getter) {
    return null;
  }

  @Override
  public <C> TraceContext decorate(TraceContext extracted, C carrier, Getter<C> getter) {
    String id = read(carrier, getter);
    return id == null ? extracted : extracted.withRequestId(id);
  }

  @Override
  public <C> TraceContext seedRoot(TraceContext root, C carrier, Getter<C> getter) {
    return decorate(root, carrier, getter);
  }

  /** The valid request id of {@code carrier}, or null (absent, or invalid and counted). */
  public static <C> String read(C carrier, Getter<C> getter) {
    String s = CarrierAccess.get(getter, carrier, HEADER);
    if (s == null) {
      return null;
    }
    int b = CarrierAccess.trimStart(s, 0, s.length());
    int e = CarrierAccess.trimEnd(s, b, s.length());
    if (b == e) {
      return null;
    }
    if (!valid(s, b, e)) {
      REJECTED.increment();
      return null;
    }
    return b == 0 && e == s.length() ? s : s.substring(b, e);
  }

  @Override
  public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
    if (context == null || !context.hasRequestId()) {
      return;
    }
    String id = context.requestId();
    if (!valid(id, 0, id.length())) {
      return;
    }
    try {
      setter.set(carrier, HEADER, id);
    } catch (Throwable e) {
      CarrierAccess.rethrowIfFatal(e);
      CarrierAccess.failed("request id inject", e);
    }
  }

  static boolean valid(String s, int b, int e) {
    if (e - b < 1 || e - b > MAX_LENGTH) {
      return false;
    }
    for (int i = b; i < e; i++) {
      if (!safe(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean safe(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == ':'
        || c == '@'
        || c == '/'
        || c == '+'
        || c == '=';
  }
}
