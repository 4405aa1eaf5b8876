package dev.correlog.internal;

import dev.correlog.internal.RequestBuffers.Buffer;

/**
 * The buffers of {@link RequestBuffers} in the order they were created, oldest first: a doubly
 * linked list through the buffers' own {@code older} and {@code newer} fields, so that adding,
 * removing (from anywhere) and reading the oldest are O(1) and allocate nothing. The sweep for
 * abandoned requests reads it from the oldest end. The buffers' list fields are guarded by this
 * object.
 */
final class BufferOrder {
  private Buffer oldest;
  private Buffer newest;

  /** Adds {@code b} as the newest, unless it is in the list or was removed before being added. */
  synchronized void link(Buffer b) {
    if (b.linked) {
      return;
    }
    b.linked = true;
    b.older = newest;
    if (newest != null) {
      newest.newer = b;
    } else {
      oldest = b;
    }
    newest = b;
  }

  /** Removes {@code b}; removed before {@link #link} ran, it is never added. */
  synchronized void unlink(Buffer b) {
    if (!b.linked) {
      b.linked = true; // removed before link() ran: link() must not add it any more
      return;
    }
    if (b.older != null) {
      b.older.newer = b.newer;
    } else if (oldest == b) {
      oldest = b.newer;
    }
    if (b.newer != null) {
      b.newer.older = b.older;
    } else if (newest == b) {
      newest = b.older;
    }
    b.older = null;
    b.newer = null;
  }

  /** The oldest buffer in the list, or null when it is empty. */
  synchronized Buffer oldest() {
    return oldest;
  }
}
