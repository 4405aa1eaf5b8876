package dev.correlog.internal.propagation;

import dev.correlog.context.TraceContext;
import dev.correlog.propagation.Extracted;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Propagator;
import dev.correlog.propagation.Setter;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code x-request-id}. It carries no trace: {@link #extract} finds a request id and nothing else;
 * within a composite that id is attached to what the other formats found.
 *
 * <p>A received value is kept when, after trimming spaces and tabs, it is 1 to 128 characters of
 * letters, digits and {@code -._:@/+=}. Otherwise it is treated as absent (the context's request id
 * then falls back to its trace id) and counted in {@link #rejected()}. An empty value is simply
 * absent. Only a valid explicit request id is injected, so a value set in code can never smuggle a
 * line break into a header.
 */
public final class RequestIdPropagator implements Propagator, BuiltInFormat {
  public static final RequestIdPropagator INSTANCE = new RequestIdPropagator();

  static final String HEADER = HeaderLookup.REQUEST_ID_NAMES.get(0);
  static final int MAX_LENGTH = 128;

  private static final List<String> FIELDS = HeaderLookup.REQUEST_ID_NAMES;
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
  public <C> Extracted extract(C carrier, Getter<C> getter) {
    try {
      return found(read(carrier, getter));
    } catch (Throwable e) {
      CarrierAccess.failed("request id extract", e);
      return Extracted.empty();
    }
  }

  @Override
  public int group() {
    return HeaderLookup.REQUEST_ID;
  }

  @Override
  public Extracted read(String[] values, int at) {
    return found(sanitize(values[at]));
  }

  private static Extracted found(String id) {
    return id == null ? Extracted.empty() : Extracted.empty().withRequestId(id);
  }

  /**
   * {@code id} when it is a valid request id (after trimming spaces and tabs), else null, counted
   * as rejected unless null or blank: what {@code Propagation.startServerSpan} keeps of the request
   * id a propagator (perhaps a user's) returned.
   */
  public static String sanitize(String id) {
    if (id == null) {
      return null;
    }
    int b = CarrierAccess.trimStart(id, 0, id.length());
    int e = CarrierAccess.trimEnd(id, b, id.length());
    if (b == e) {
      return null;
    }
    if (!valid(id, b, e)) {
      REJECTED.increment();
      return null;
    }
    return b == 0 && e == id.length() ? id : id.substring(b, e);
  }

  /** The valid request id of {@code carrier}, or null (absent, or invalid and counted). */
  public static <C> String read(C carrier, Getter<C> getter) {
    return sanitize(CarrierAccess.get(getter, carrier, HEADER));
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
