package dev.correlog.propagation;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Getters and setters for the carriers the JDK provides. */
public final class Carriers {
  /**
   * Reads a {@code Map<String, String>} of headers, ignoring case: the exact key is tried first,
   * then, unless the map is a {@link SortedMap} ordered by {@link String#CASE_INSENSITIVE_ORDER},
   * the keys are scanned. A map holds one value per key, so when keys differ only in case the exact
   * one wins, else the first found.
   */
  public static final Getter<Map<String, String>> MAP_GETTER = Carriers::mapGet;

  /**
   * Writes into a {@code Map<String, String>}, removing any key that differs only in case, so a
   * reused map never holds the same header twice.
   */
  public static final Setter<Map<String, String>> MAP_SETTER = Carriers::mapSet;

  /** Sets headers of an outgoing {@link HttpRequest.Builder}, replacing previous values. */
  public static final Setter<HttpRequest.Builder> HTTP_REQUEST = HttpRequest.Builder::setHeader;

  /**
   * Reads {@link HttpHeaders} (of a request or a response), ignoring case; a header sent several
   * times is returned as its values joined by {@code ","}.
   */
  public static final Getter<HttpHeaders> HTTP_HEADERS = Carriers::headersGet;

  private Carriers() {}

  private static String mapGet(Map<String, String> map, String key) {
    String v = map.get(key);
    if (v != null || map.isEmpty() || caseInsensitive(map)) {
      return v;
    }
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (key.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
        return e.getValue();
      }
    }
    return null;
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

  private static String headersGet(HttpHeaders headers, String key) {
    List<String> all = headers.allValues(key);
    if (all.isEmpty()) {
      return null;
    }
    return all.size() == 1 ? all.get(0) : String.join(",", all);
  }
}
