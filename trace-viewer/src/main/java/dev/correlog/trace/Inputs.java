package dev.correlog.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Where the viewer reads NDJSON from: files (plain or gzip, told apart by their first bytes, not
 * their names) or one stream such as standard input. Files can be read twice (a {@code --request}
 * search first finds the request's trace ids); a stream is read once, so {@link #rereadable()}
 * copies it to a temporary file first when a second pass is needed.
 */
public final class Inputs {
  private final List<Path> files;
  private final InputStream stream;
  private final String streamName;
  private final ClusterSource cluster;

  private Inputs(List<Path> files, InputStream stream, String streamName) {
    this(files, stream, streamName, null);
  }

  private Inputs(List<Path> files, InputStream stream, String streamName, ClusterSource cluster) {
    this.files = files;
    this.stream = stream;
    this.streamName = streamName;
    this.cluster = cluster;
  }

  /**
   * The lines stored in an OpenSearch / Elasticsearch cluster at {@code url} ({@code
   * http(s)://[user:password@]host:port}), in the indices matching {@code indexPattern} (e.g.
   * {@code correlog-*}). {@link TraceViewer#find} asks the cluster for the request's lines only
   * ({@code term} queries on {@code trace_id} / {@code request_id}); {@code errors} and {@code
   * stats} read files only.
   *
   * @throws IllegalArgumentException when {@code url} is not an http(s) URL
   */
  public static Inputs opensearch(String url, String indexPattern) {
    return new Inputs(List.of(), null, null, new ClusterSource(url, indexPattern));
  }

  /** The cluster these inputs read from, or null for files and streams. */
  ClusterSource cluster() {
    return cluster;
  }

  /** The given files, read in this order. */
  public static Inputs files(List<Path> files) {
    return new Inputs(List.copyOf(files), null, null);
  }

  /** The given files, read in this order. */
  public static Inputs files(Path... files) {
    return files(List.of(files));
  }

  /** One stream (plain or gzip), read once; the caller closes it. */
  public static Inputs stream(InputStream in, String name) {
    return new Inputs(List.of(), Objects.requireNonNull(in), name);
  }

  /** True when every input can be read more than once. */
  boolean isRereadable() {
    return stream == null;
  }

  /**
   * These inputs if they can be read twice, else the stream copied to a temporary file (deleted on
   * exit; disk, not memory, holds it).
   */
  Inputs rereadable() throws IOException {
    if (stream == null) {
      return this;
    }
    Path copy = Files.createTempFile("correlog-trace-", ".ndjson");
    copy.toFile().deleteOnExit();
    Files.copy(stream, copy, StandardCopyOption.REPLACE_EXISTING);
    return files(copy);
  }

  /** The names of the inputs, for messages. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    files.forEach(f -> names.add(f.toString()));
    if (cluster != null) {
      names.add(cluster.describe());
    }
    if (stream != null) {
      names.add(streamName);
    }
    return names;
  }

  interface Reader {
    void read(String name, InputStream in) throws IOException;
  }

  /**
   * Opens each input in turn and hands it to {@code reader}. An input that cannot be opened or
   * breaks off (a truncated gzip file) is counted in {@code stats} and reported there; the others
   * are still read.
   */
  void each(ScanStats stats, Reader reader) {
    if (cluster != null) {
      stats.unreadable(
          cluster.describe(),
          new IOException("a cluster is read by TraceViewer.find only (--trace, --request)"));
    }
    for (Path file : files) {
      try (InputStream in = decode(Files.newInputStream(file))) {
        reader.read(file.toString(), in);
      } catch (IOException | RuntimeException e) {
        stats.unreadable(file.toString(), e);
      }
    }
    if (stream != null) {
      try {
        reader.read(streamName, decode(stream));
      } catch (IOException | RuntimeException e) {
        stats.unreadable(streamName, e);
      }
    }
  }

  /** Gzip when the stream starts with gzip's magic bytes, else as it is. */
  static InputStream decode(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }
}
