package dev.correlog.logback;

import dev.correlog.EventEncoder;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Marker;

/**
 * The {@code marker} field of a Logback event: each marker's name followed by the names of its
 * direct references, joined by {@code ,}. Several names are joined in a reused per-thread buffer,
 * so an event with markers allocates nothing here.
 */
final class MarkerNames {
  /** The per-thread buffer and whether a call on this thread is using it. */
  private static final class Buffer {
    final StringBuilder sb = new StringBuilder(64);
    boolean busy;
  }

  private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

  private MarkerNames() {}

  static void field(EventEncoder.Line line, List<Marker> markers) {
    if (markers.size() == 1 && !markers.get(0).hasReferences()) {
      line.field("marker", markers.get(0).getName());
      return;
    }
    Buffer b = BUFFER.get();
    if (b.busy) {
      b = new Buffer(); // in use by a call around this one (a getName() that logs)
    } else if (b.sb.capacity() > 4096) {
      b = new Buffer(); // cut back after a huge marker list
      BUFFER.set(b);
    }
    b.busy = true;
    StringBuilder sb = b.sb;
    sb.setLength(0);
    try {
      for (int i = 0, n = markers.size(); i < n; i++) {
        Marker m = markers.get(i);
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(m.getName());
        if (m.hasReferences()) {
          for (Iterator<Marker> it = m.iterator(); it.hasNext(); ) {
            sb.append(',').append(it.next().getName());
          }
        }
      }
      line.field("marker", sb);
    } finally {
      b.busy = false;
    }
  }
}
