package dev.correlog.grpc;

import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Setter;
import io.grpc.Metadata;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link Getter} and {@link Setter} of gRPC {@link Metadata}. Keys are ASCII keys, created once
 * per header name and kept (the names a propagator reads and writes are a small fixed set).
 *
 * <p>Reading: a name is looked up in lowercase, as gRPC stores it; a header sent several times is
 * returned as its values joined by {@code ","} (so a duplicated {@code traceparent} is invalid, and
 * the receiver starts a new trace); binary headers ({@code -bin}) and names gRPC cannot carry are
 * absent. Writing: every value of the header is removed, then the new one is put.
 *
 * <p>{@link Getter#getEach} keeps its default, one lookup per name: gRPC keeps names lowercase, so
 * a lookup compares bytes and never scans for another case, and the only way to list the names
 * ({@code Metadata.keys()}) builds a string per header and a set, which costs more than the lookups
 * it would save.
 */
final class MetadataCarrier {
  /** More distinct names than this are not cached (a propagator asking for ever new names). */
  static final int MAX_CACHED_KEYS = 64;

  private static final ConcurrentMap<String, Metadata.Key<String>> KEYS = new ConcurrentHashMap<>();

  static {
    for (String name :
        new String[] {
          "traceparent",
          "tracestate",
          "b3",
          "x-request-id",
          "x-b3-traceid",
          "x-b3-spanid",
          "x-b3-parentspanid",
          "x-b3-sampled",
          "x-b3-flags"
        }) {
      KEYS.put(name, Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }
  }

  static final Getter<Metadata> GETTER = new MetadataGetter();
  static final Setter<Metadata> SETTER = MetadataCarrier::set;

  private MetadataCarrier() {}

  /**
   * The ASCII key for header {@code name}, or null when gRPC cannot carry it as an ASCII header (a
   * {@code -bin} name, an empty name, or a character outside {@code [0-9a-z_.-]} once lowercased).
   */
  static Metadata.Key<String> key(String name) {
    Metadata.Key<String> k = KEYS.get(name);
    if (k != null) {
      return k;
    }
    if (name == null || name.isEmpty() || endsWithBin(name)) {
      return null;
    }
    try {
      k = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (KEYS.size() < MAX_CACHED_KEYS) {
      KEYS.putIfAbsent(name, k);
    }
    return k;
  }

  private static boolean endsWithBin(String name) {
    return name.regionMatches(true, name.length() - 4, Metadata.BINARY_HEADER_SUFFIX, 0, 4);
  }

  private static String get(Metadata metadata, String name) {
    Metadata.Key<String> k = key(name);
    if (k == null) {
      return null;
    }
    Iterable<String> values = metadata.getAll(k);
    if (values == null) {
      return null;
    }
    Iterator<String> it = values.iterator();
    if (!it.hasNext()) {
      return null;
    }
    String first = it.next();
    if (!it.hasNext()) {
      return first;
    }
    StringBuilder joined = new StringBuilder(first);
    while (it.hasNext()) {
      joined.append(',').append(it.next());
    }
    return joined.toString();
  }

  /** {@link #get}, plus every value of a header and the names of the headers. */
  private static final class MetadataGetter implements Getter<Metadata> {
    @Override
    public String get(Metadata metadata, String name) {
      return MetadataCarrier.get(metadata, name);
    }

    /** The header names, lowercase as gRPC keeps them, binary ({@code -bin}) ones included. */
    @Override
    public Iterable<String> keys(Metadata metadata) {
      return metadata.keys();
    }

    /** Every value of an ASCII header, in order; empty for a binary or unknown name. */
    @Override
    public List<String> getAll(Metadata metadata, String name) {
      Metadata.Key<String> k = key(name);
      Iterable<String> values = k == null ? null : metadata.getAll(k);
      if (values == null) {
        return List.of();
      }
      List<String> all = new ArrayList<>(2);
      values.forEach(all::add);
      return all;
    }
  }

  private static void set(Metadata metadata, String name, String value) {
    Metadata.Key<String> k = key(name);
    if (k == null) {
      throw new IllegalArgumentException(
          "gRPC metadata cannot carry an ASCII header named " + name);
    }
    metadata.removeAll(k);
    metadata.put(k, value);
  }
}
