package dev.correlog.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads one request's lines back from OpenSearch / Elasticsearch: a {@code term} query on {@code
 * trace_id} (for a request id, first the trace ids whose lines carry it, then those traces), paged
 * with the scroll API, each hit's {@code _source} written as one NDJSON line to a temporary file
 * that the viewer then reads like any file. The cluster answers only the matching lines, so the
 * viewer's model, tree and rendering are the same as from files.
 */
final class ClusterSource {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int PAGE = 1000;

  private final OpenSearchHttp http;
  private final String indexPattern;

  ClusterSource(String url, String indexPattern) {
    this.http = new OpenSearchHttp(url, Duration.ofSeconds(60));
    this.indexPattern = indexPattern;
  }

  String describe() {
    return http.base() + "/" + indexPattern;
  }

  /** The lines {@code query} names, at most {@code maxLines}, as a temporary NDJSON file. */
  Inputs fetch(TraceQuery query) throws IOException {
    String q;
    if (query.traceId() != null) {
      q = "{\"term\":{\"trace_id\":" + quote(query.traceId()) + "}}";
    } else {
      Set<String> ids = traceIdsOf(query.requestId());
      StringBuilder b = new StringBuilder("{\"bool\":{\"should\":[{\"term\":{\"request_id\":");
      b.append(quote(query.requestId())).append("}}");
      if (!ids.isEmpty()) {
        b.append(",{\"terms\":{\"trace_id\":[");
        String sep = "";
        for (String id : ids) {
          b.append(sep).append(quote(id));
          sep = ",";
        }
        b.append("]}}");
      }
      q = b.append("]}}").toString();
    }
    Path file = Files.createTempFile("correlog-trace-cluster-", ".ndjson");
    file.toFile().deleteOnExit();
    try (OutputStream out = Files.newOutputStream(file)) {
      scroll(q, query.maxLines(), out);
    }
    return Inputs.files(file);
  }

  /**
   * The lines of the traces that hold an ERROR line, at most {@link TraceViewer#MAX_TRACE_IDS}
   * traces and {@code maxLines} lines, as a temporary NDJSON file for {@link TraceViewer#errors}:
   * the trace ids first (a terms aggregation on {@code level: ERROR}), then those traces' lines.
   */
  Inputs fetchErrors(int maxLines) throws IOException {
    Set<String> ids = traceIdsWhere("{\"term\":{\"level\":\"ERROR\"}}");
    Path file = Files.createTempFile("correlog-trace-cluster-", ".ndjson");
    file.toFile().deleteOnExit();
    if (!ids.isEmpty()) {
      StringBuilder q = new StringBuilder("{\"terms\":{\"trace_id\":[");
      String sep = "";
      for (String id : ids) {
        q.append(sep).append(quote(id));
        sep = ",";
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        scroll(q.append("]}}").toString(), maxLines, out);
      }
    }
    return Inputs.files(file);
  }

  private Set<String> traceIdsOf(String requestId) throws IOException {
    return traceIdsWhere("{\"term\":{\"request_id\":" + quote(requestId) + "}}");
  }

  /**
   * The trace ids of the lines {@code query} matches, at most {@link TraceViewer#MAX_TRACE_IDS}.
   */
  private Set<String> traceIdsWhere(String query) throws IOException {
    String body =
        "{\"size\":0,\"query\":"
            + query
            + ",\"aggs\":{\"t\":{\"terms\":{\"field\":\"trace_id\",\"size\":"
            + TraceViewer.MAX_TRACE_IDS
            + "}}}}";
    OpenSearchHttp.Response r = call("POST", "/" + indexPattern + "/_search", body);
    Set<String> ids = new LinkedHashSet<>();
    if (r.status() == 404) {
      return ids;
    }
    try (JsonParser p = JSON.createParser(r.body())) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("key")) {
          if (p.nextToken() == JsonToken.VALUE_STRING) {
            ids.add(p.getText());
          }
        }
      }
    }
    return ids;
  }

  private void scroll(String query, int maxLines, OutputStream out) throws IOException {
    String body =
        "{\"size\":" + Math.min(PAGE, maxLines) + ",\"query\":" + query + ",\"sort\":[\"_doc\"]}";
    OpenSearchHttp.Response r =
        call("POST", "/" + indexPattern + "/_search?scroll=1m&ignore_unavailable=true", body);
    if (r.status() == 404) {
      return; // no such index: nothing stored yet
    }
    int written = 0;
    String scrollId = null;
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setRootValueSeparator(null);
      while (true) {
        if (!r.ok()) {
          throw new IOException("search failed: HTTP " + r.status() + " " + abbreviate(r.text()));
        }
        Page page = page(r.body(), g, maxLines - written);
        written += page.hits;
        scrollId = page.scrollId;
        if (page.hits == 0 || written >= maxLines || scrollId == null) {
          break;
        }
        r =
            call(
                "POST",
                "/_search/scroll",
                "{\"scroll\":\"1m\",\"scroll_id\":" + quote(scrollId) + "}");
      }
    } finally {
      if (scrollId != null) {
        call("DELETE", "/_search/scroll", "{\"scroll_id\":[" + quote(scrollId) + "]}");
      }
    }
  }

  /** One page of hits: their count and the scroll id (not a {@code record}). */
  private static final class Page {
    private final int hits;
    private final String scrollId;

    Page(int hits, String scrollId) {
      this.hits = hits;
      this.scrollId = scrollId;
    }
  }

  /** Writes each hit's {@code _source} as one line; returns the hit count and the scroll id. */
  private static Page page(byte[] body, JsonGenerator g, int room) throws IOException {
    int hits = 0;
    String scrollId = null;
    try (JsonParser p = JSON.createParser(body)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("_scroll_id") && t == JsonToken.VALUE_STRING) {
          scrollId = p.getText();
        } else if (name.equals("hits") && t == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (f.equals("hits") && v == JsonToken.START_ARRAY) {
              while (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                  String h = p.currentName();
                  JsonToken hv = p.nextToken();
                  if (h.equals("_source") && hv == JsonToken.START_OBJECT && hits < room) {
                    g.copyCurrentStructure(p);
                    g.writeRaw('\n');
                    hits++;
                  } else {
                    p.skipChildren();
                  }
                }
              }
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
    g.flush();
    return new Page(hits, scrollId);
  }

  private OpenSearchHttp.Response call(String method, String path, String body) throws IOException {
    try {
      return http.json(method, path, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
