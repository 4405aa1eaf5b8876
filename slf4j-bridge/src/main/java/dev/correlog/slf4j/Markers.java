package dev.correlog.slf4j;

import java.util.Iterator;
import java.util.List;
import org.slf4j.Marker;

/**
 * The {@code marker} field: a marker's name; with references or several markers, the names joined
 * by {@code ,} (a marker's references after it, depth-first, each name once).
 */
final class Markers {
  private Markers() {}

  static String names(Marker marker) {
    if (!marker.hasReferences()) {
      return marker.getName();
    }
    StringBuilder sb = new StringBuilder();
    append(sb, marker, 0);
    return sb.toString();
  }

  static String names(List<Marker> markers) {
    if (markers.size() == 1) {
      return names(markers.get(0));
    }
    StringBuilder sb = new StringBuilder();
    for (Marker m : markers) {
      append(sb, m, 0);
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, Marker marker, int depth) {
    if (marker == null || depth > 8) {
      return;
    }
    String name = marker.getName();
    if (!contains(sb, name)) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(name);
    }
    for (Iterator<Marker> it = marker.iterator(); it.hasNext(); ) {
      append(sb, it.next(), depth + 1);
    }
  }

  private static boolean contains(StringBuilder sb, String name) {
    for (String s : sb.toString().split(",", -1)) {
      if (s.equals(name)) {
        return true;
      }
    }
    return false;
  }
}
