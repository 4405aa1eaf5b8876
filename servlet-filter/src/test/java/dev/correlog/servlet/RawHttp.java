package dev.correlog.servlet;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request written byte for byte on a socket: duplicated headers, UTF-8 in values and other things
 * an HTTP client library refuses to send.
 */
final class RawHttp {
  final int status;
  final List<String> headerLines;

  private RawHttp(int status, List<String> headerLines) {
    this.status = status;
    this.headerLines = headerLines;
  }

  /** Sends {@code GET path} with {@code headers} (each "Name: value", any bytes in UTF-8). */
  static RawHttp get(int port, String path, List<String> headers) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      StringBuilder req = new StringBuilder();
      req.append("GET ").append(path).append(" HTTP/1.1\r\n");
      req.append("Host: 127.0.0.1:").append(port).append("\r\n");
      for (String h : headers) {
        req.append(h).append("\r\n");
      }
      req.append("Connection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String[] head = (end < 0 ? text : text.substring(0, end)).split("\r\n");
      int status = Integer.parseInt(head[0].split(" ")[1]);
      List<String> lines = new ArrayList<>(List.of(head).subList(1, head.length));
      return new RawHttp(status, lines);
    }
  }

  /** The values of response header {@code name}. */
  List<String> header(String name) {
    List<String> out = new ArrayList<>();
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    for (String h : headerLines) {
      if (h.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        out.add(h.substring(prefix.length()).trim());
      }
    }
    return out;
  }
}
