package dev.correlog.slf4j;

import dev.correlog.EventBuilder;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Marker;

/**
 * The {@code marker} field: a marker's name; with references or several markers, the names joined
 * by {@code ,} (a marker's references after it, depth-first, each name once). Joined names are
 * written from a reused per-thread buffer, so a call with markers allocates nothing.
 */
final class Markers {
  /** The per-thread buffer and whether a call on this thread is using it. */
  private static final class Buffer {
    final StringBuilder sb = new StringBuilder(64);
    boolean busy;
  }

  private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

  private Markers() {}

  /** Writes the {@code marker} field of one marker. */
  static void field(EventBuilder e, Marker marker) {
    if (!marker.hasReferences()) {
      e.field("marker", marker.getName());
      return;
    }
    Buffer b = acquire();
    try {
      append(b.sb, marker, 0);
      e.field("marker", b.sb);
    } finally {
      release(b);
    }
  }

  /** Writes the {@code marker} field of the first {@code count} of {@code markers}. */
  static void field(EventBuilder e, Marker[] markers, int count) {
    if (count == 1) {
      field(e, markers[0]);
      return;
    }
    Buffer b = acquire();
    try {
      for (int i = 0; i < count; i++) {
        append(b.sb, markers[i], 0);
      }
      e.field("marker", b.sb);
    } finally {
      release(b);
    }
  }

  /** Writes the {@code marker} field of {@code markers} (an SLF4J event's list). */
  static void field(EventBuilder e, List<Marker> markers) {
    if (markers.size() == 1) {
      field(e, markers.get(0));
      return;
    }
    Buffer b = acquire();
    try {
      for (int i = 0, n = markers.size(); i < n; i++) {
        append(b.sb, markers.get(i), 0);
      }
      e.field("marker", b.sb);
    } finally {
      release(b);
    }
  }

  /**
   * The thread's buffer, cleared; a new one when the thread's is in use (a marker whose {@code
   * getName()} logs), so a nested call never overwrites the names of the call around it.
   */
  private static Buffer acquire() {
    Buffer b = BUFFER.get();
    if (b.busy) {
      return new Buffer();
    }
    if (b.sb.capacity() > 4096) {
      b = new Buffer(); // cut back after a huge marker tree
      BUFFER.set(b);
    }
    b.busy = true;
    b.sb.setLength(0);
    return b;
  }

  private static void release(Buffer b) {
    b.busy = false;
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
    if (marker.hasReferences()) {
      for (Iterator<Marker> it = marker.iterator(); it.hasNext(); ) {
        append(sb, it.next(), depth + 1);
      }
    }
  }

  /** Whether {@code name} is already one of the comma-separated names in {@code sb}. */
  static boolean contains(CharSequence sb, String name) {
    int n = name == null ? 4 : name.length();
    int start = 0;
    int length = sb.length();
    while (start <= length) {
      int end = start;
      while (end < length && sb.charAt(end) != ',') {
        end++;
      }
      if (end - start == n && regionMatches(sb, start, name == null ? "null" : name)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static boolean regionMatches(CharSequence sb, int at, String name) {
    for (int i = 0; i < name.length(); i++) {
      if (sb.charAt(at + i) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
