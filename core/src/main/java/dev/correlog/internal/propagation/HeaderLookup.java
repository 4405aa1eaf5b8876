package dev.correlog.internal.propagation;

import dev.correlog.propagation.Getter;
import java.util.Arrays;
import java.util.List;

/**
 * How the built-in propagators read a carrier: every header a format may need is asked for at once
 * ({@link Getter#getEach}), into a per-thread scratch array, so a getter that can list its headers
 * looks them all up in one pass, and an absent header costs nothing more ({@link MapHeaders} for
 * {@code Carriers.MAP_GETTER}).
 *
 * <p>The names of every built-in format form one table, grouped by format: W3C at {@link #W3C}
 * ({@code traceparent}, {@code tracestate}), B3 at {@link #B3} (the single header, then the five
 * {@code X-B3-*}), the request id at {@link #REQUEST_ID}. A format reads its values at its group's
 * offset in whatever array it is given, so a composite fills one array for all its members.
 *
 * <p>The scratch is held per thread in JDK types only ({@code String[][]}), so a thread of a
 * container outliving a redeployed application keeps no class of this library alive; it is taken (a
 * nested extraction on the same thread gets a fresh array) and cleared when given back, so no
 * header value outlives its extraction.
 */
public final class HeaderLookup {
  static final int W3C = 0;
  static final int B3 = 2;
  static final int REQUEST_ID = 8;

  /** Slots of a scratch array: every built-in name once. */
  static final int SIZE = 9;

  static final List<String> W3C_NAMES = HeaderNames.of("traceparent", "tracestate");
  static final List<String> B3_NAMES =
      HeaderNames.of(
          "b3", "X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags");
  static final List<String> REQUEST_ID_NAMES = HeaderNames.of("x-request-id");

  private static final ThreadLocal<String[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new String[1][]);

  private HeaderLookup() {}

  /** The names of the group at {@code group} ({@link #W3C}, {@link #B3}, {@link #REQUEST_ID}). */
  static List<String> names(int group) {
    switch (group) {
      case W3C:
        return W3C_NAMES;
      case B3:
        return B3_NAMES;
      case REQUEST_ID:
        return REQUEST_ID_NAMES;
      default:
        throw new IllegalArgumentException("no header group at " + group);
    }
  }

  /** This thread's scratch holder, for {@link #take} and {@link #give}. */
  static String[][] holder() {
    return SCRATCH.get();
  }

  /** The holder's array (now out of it), or a new one when it is in use by an outer extraction. */
  static String[] take(String[][] holder) {
    String[] v = holder[0];
    if (v == null) {
      return new String[SIZE];
    }
    holder[0] = null;
    return v;
  }

  /** Clears {@code values} and puts it back for the next extraction on this thread. */
  static void give(String[][] holder, String[] values) {
    Arrays.fill(values, null);
    holder[0] = values;
  }

  /**
   * {@code getter.getEach(carrier, names, values)}; when it throws (anything), reported once, then
   * {@link Getter#get} per name, a name whose {@code get} throws being absent.
   */
  static <C> void fill(Getter<C> getter, C carrier, List<String> names, String[] values) {
    try {
      getter.getEach(carrier, names, values);
      return;
    } catch (Throwable t) {
      CarrierAccess.failed("getter", t);
    }
    for (int i = 0, n = names.size(); i < n; i++) {
      values[i] = CarrierAccess.get(getter, carrier, names.get(i));
    }
  }
}
