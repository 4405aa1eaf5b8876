package dev.correlog.trace;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar correlog-trace.jar [options] [FILE...]}: see {@link #USAGE}. Exit status 0 when
 * something was shown, 1 when the trace or request was not found, 2 on a usage error.
 */
public final class Main {
  static final String USAGE =
      """
      usage: correlog-trace [options] [FILE...]
             correlog-trace --opensearch URL [--index P] --trace ID|--request ID|--errors [options]
             correlog-trace ship|template ... (see correlog-trace ship --help)
        Reads Correlog NDJSON files (plain or gzip); standard input when no FILE or FILE is -;
        with --opensearch, the lines stored in the cluster (indices --index P, default
        correlog-*): the request's, or for --errors those of the traces with an ERROR line.

        --trace ID       the request's call tree across services, then its lines in time order
        --request ID     the same, for the trace(s) whose lines carry request_id ID
        --html FILE      with --trace/--request: also write the view as one HTML page
        --errors         the traces with errors: entry request, service of the first error
        --stats          lines per service, level and event, extrapolated by sample_rate
        --max-lines N    keep at most N lines of the request (default 100000)
        --color WHEN     auto (default: on a terminal, unless NO_COLOR is set), always, never
        -h, --help       this text

        Malformed and non-Correlog lines are skipped and counted on standard error.
      """;

  private Main() {}

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    int status = run(args, System.in, out, System.err, System.getenv(), System.console() != null);
    out.flush();
    System.exit(status);
  }

  /** The command line, with its streams and environment given (for tests and the demo). */
  public static int run(
      String[] args,
      InputStream stdin,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      boolean terminal) {
    if (args.length > 0 && (args[0].equals("ship") || args[0].equals("template"))) {
      return StoreCommands.run(
          args[0], java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    String trace = null;
    String cluster = null;
    String index = "correlog-*";
    String request = null;
    String html = null;
    String color = "auto";
    boolean errors = false;
    boolean stats = false;
    int maxLines = TraceQuery.DEFAULT_MAX_LINES;
    List<String> files = new ArrayList<>();
    Inputs inputs;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--trace" -> trace = value(args, ++i, a);
          case "--request" -> request = value(args, ++i, a);
          case "--html" -> html = value(args, ++i, a);
          case "--opensearch" -> cluster = value(args, ++i, a);
          case "--index" -> index = value(args, ++i, a);
          case "--color", "--colour" -> color = value(args, ++i, a);
          case "--max-lines" -> maxLines = Integer.parseInt(value(args, ++i, a));
          case "--errors" -> errors = true;
          case "--stats" -> stats = true;
          case "-h", "--help" -> {
            out.print(USAGE);
            return 0;
          }
          default -> {
            if (a.startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + a);
            }
            files.add(a);
          }
        }
      }
      int modes =
          (trace != null ? 1 : 0) + (request != null ? 1 : 0) + (errors ? 1 : 0) + (stats ? 1 : 0);
      if (modes != 1) {
        throw new IllegalArgumentException(
            "give exactly one of --trace, --request, --errors, --stats");
      }
      if (html != null && trace == null && request == null) {
        throw new IllegalArgumentException("--html goes with --trace or --request");
      }
      if (!List.of("auto", "always", "never").contains(color)) {
        throw new IllegalArgumentException("--color takes auto, always or never: " + color);
      }
      if (cluster != null && (stats || !files.isEmpty())) {
        throw new IllegalArgumentException(
            "--opensearch goes with --trace, --request or --errors, without files");
      }
      inputs = cluster != null ? Inputs.opensearch(cluster, index) : inputs(files, stdin);
    } catch (IllegalArgumentException e) {
      err.println("correlog-trace: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      if (stats) {
        Stats s = TraceViewer.stats(inputs);
        s.print(out);
        out.flush();
        err.println(s.scan().summary());
        return 0;
      }
      if (errors) {
        ErrorReport r = TraceViewer.errors(inputs);
        r.print(out);
        out.flush();
        err.println(r.scan().summary());
        return 0;
      }
      TraceQuery query =
          (trace != null ? TraceQuery.trace(trace) : TraceQuery.request(request))
              .maxLines(maxLines);
      Trace t = TraceViewer.find(query, inputs);
      boolean colour =
          color.equals("always")
              || (color.equals("auto")
                  && terminal
                  && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty()));
      (colour ? TextRenderer.coloured() : TextRenderer.plain()).print(t, out);
      out.flush();
      if (html != null) {
        HtmlRenderer.write(t, Path.of(html));
        err.println("wrote " + html);
      }
      err.println(t.scan().summary());
      return t.isEmpty() ? 1 : 0;
    } catch (IOException | java.io.UncheckedIOException e) {
      err.println("correlog-trace: " + e);
      return 1;
    } finally {
      out.flush();
    }
  }

  private static Inputs inputs(List<String> files, InputStream stdin) {
    if (files.isEmpty() || files.equals(List.of("-"))) {
      return Inputs.stream(stdin, "<stdin>");
    }
    List<Path> paths = new ArrayList<>();
    for (String f : files) {
      if (f.equals("-")) {
        throw new IllegalArgumentException("- (standard input) cannot be mixed with files");
      }
      paths.add(Path.of(f));
    }
    return Inputs.files(paths);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
