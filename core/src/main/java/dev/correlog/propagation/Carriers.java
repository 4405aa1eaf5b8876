package dev.correlog.propagation;

import dev.correlog.internal.propagation.MapHeaders;
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
   * Getter#getEach} (what the built-in propagators call) costs at most one pass over the entries
   * per extraction, whatever the number of names and of absent headers, so a request stuffed with
   * headers cannot make extraction slow: a request's header map (more keys than names, up to 64) is
   * walked once, each key compared only with the names of its length; a map of at most as many keys
   * as names is read by exact lookups, and walked only when some of its keys were not found that
   * way (a map holding only propagation headers is never walked); a larger map is read by exact
   * lookups, then one walk for the names still missing. A map holds one value per key, so when keys
   * differ only in case the exact one wins, else the first found; a null key or value is absent.
   * {@link Getter#keys} lists the map's keys.
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
      if (v != null || map.isEmpty() || MapHeaders.caseInsensitive(map)) {
        return v;
      }
      return MapHeaders.scan(map, key);
    }

    @Override
    public void getEach(Map<String, String> map, List<String> names, String[] values) {
      MapHeaders.getEach(map, names, values);
    }

    @Override
    public Iterable<String> keys(Map<String, String> map) {
      return map.keySet();
    }
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
