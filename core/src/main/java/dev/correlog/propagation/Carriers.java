package dev.correlog.propagation;

import dev.correlog.internal.propagation.HeaderLookup;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Getters and setters for the carriers the JDK provides. */
public final class Carriers {
  /**
   * Reads a {@code Map<String, String>} of headers, ignoring the case of ASCII letters: the exact
   * key is tried first (one hash lookup). When it misses, a {@link SortedMap} ordered by {@link
   * String#CASE_INSENSITIVE_ORDER} has answered already; any other map is scanned once. {@link
   * Getter#getEach} (what the built-in propagators call) tries every name exactly, then, only when
   * some are missing and the map has keys besides the ones found, fills the missing ones in a
   * single pass over the entries: a request stuffed with headers costs one pass per extraction,
   * whatever the number of absent headers. Once every key of the map was found, the remaining names
   * are absent without a lookup, so a map holding only propagation headers is never scanned. A map
   * holds one value per key, so when keys differ only in case the exact one wins, else the first
   * found. {@link Getter#keys} lists the map's keys.
   */
  public static final Getter<Map<String, String>> MAP_GETTER = new MapGetter();

  /**
   * Writes into a {@code Map<String, String>}, removing any key that differs only in case, so a
   * reused map never holds the same header twice.
   */
  public static final Setter<Map<String, String>> MAP_SETTER = Carriers::mapSet;

  /** Sets headers of an outgoing {@link HttpRequest.Builder}, replacing previous values. */
  public static final Setter<HttpRequest.Builder> HTTP_REQUEST = HttpRequest.Builder::setHeader;

  /**
   * Reads {@link HttpHeaders} (of a request or a response, e.g. {@code request.headers()}),
   * ignoring case (they are kept in a case-insensitive sorted map, so a lookup never scans); a
   * header sent several times is returned as its values joined by {@code ","}, and {@link
   * Getter#getAll} returns them one by one. {@link Getter#getEach} keeps its default (one
   * sorted-map lookup per name): nothing is ever scanned, and walking the map would cost more.
   */
  public static final Getter<HttpHeaders> HTTP_HEADERS = new HeadersGetter();

  private Carriers() {}

  private static final class MapGetter implements Getter<Map<String, String>> {
    @Override
    public String get(Map<String, String> map, String key) {
      String v = map.get(key);
      if (v != null || map.isEmpty() || caseInsensitive(map)) {
        return v;
      }
      return HeaderLookup.scan(map, key);
    }

    @Override
    public void getEach(Map<String, String> map, List<String> names, String[] values) {
      int n = names.size();
      int size = map.size();
      int found = 0;
      for (int i = 0; i < n; i++) {
        String v = size == 0 ? null : map.get(names.get(i));
        values[i] = v;
        if (v != null && ++found == size) {
          // Every key is one of the names found (they are distinct ignoring case): the other
          // names are absent, without a lookup or a scan.
          for (int j = i + 1; j < n; j++) {
            values[j] = null;
          }
          return;
        }
      }
      if (found < n && size > 0 && !caseInsensitive(map)) {
        HeaderLookup.fill(map, names, values);
      }
    }

    @Override
    public Iterable<String> keys(Map<String, String> map) {
      return map.keySet();
    }
  }

  private static boolean caseInsensitive(Map<String, String> map) {
    return map instanceof SortedMap
        && ((SortedMap<String, String>) map).comparator() == String.CASE_INSENSITIVE_ORDER;
  }

  private static void mapSet(Map<String, String> map, String key, String value) {
    if (map.put(key, value) != null || map.size() == 1) {
      return;
    }
    for (Iterator<String> it = map.keySet().iterator(); it.hasNext(); ) {
      String k = it.next();
      if (k != null && !k.equals(key) && k.equalsIgnoreCase(key)) {
        it.remove();
      }
    }
  }

  private static final class HeadersGetter implements Getter<HttpHeaders> {
    @Override
    public String get(HttpHeaders headers, String key) {
      List<String> all = headers.allValues(key);
      if (all.isEmpty()) {
        return null;
      }
      return all.size() == 1 ? all.get(0) : String.join(",", all);
    }

    @Override
    public Iterable<String> keys(HttpHeaders headers) {
      return headers.map().keySet();
    }

    @Override
    public List<String> getAll(HttpHeaders headers, String key) {
      return headers.allValues(key);
    }
  }
}
