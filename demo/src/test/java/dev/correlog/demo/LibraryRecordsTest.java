package dev.correlog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No library module's main classes hold a {@code record}: on JDK 17 the first call of a record's
 * generated {@code equals} (or {@code hashCode}/{@code toString} with a component of a library
 * type) leaves a method handle typed with the record's class in a static field of the JDK, which
 * keeps a redeployed web application's class loader (core/RATIONALE.md, "Redeploy"). The class
 * files are read, not loaded (the Logback and OpenTelemetry modules' dependencies are not on this
 * class path): a record is a class whose direct superclass is {@code java.lang.Record}, which javac
 * allows for records only. Core is also checked by its own {@code NoRecordsTest}.
 */
class LibraryRecordsTest {
  /** Each library module of the build and one class of its main output. */
  private static final Map<String, String> MODULES =
      Map.of(
          "core", "dev.correlog.Correlog",
          "testing", "dev.correlog.testing.CorrelogCapture",
          "slf4j-bridge", "dev.correlog.slf4j.CorrelogServiceProvider",
          "logback-encoder", "dev.correlog.logback.CorrelogEncoder",
          "servlet-filter", "dev.correlog.servlet.CorrelogFilter",
          "kafka-propagation", "dev.correlog.kafka.KafkaCorrelog",
          "grpc-interceptor", "dev.correlog.grpc.CorrelogGrpc",
          "trace-viewer", "dev.correlog.trace.Main",
          "otel-logs", "dev.correlog.otel.OtelLogSink");

  /** Modules that are never loaded in an application's class loader. */
  private static final List<String> NOT_LIBRARIES =
      List.of("bom", "benchmarks", "benchmarks/store", "demo");

  @Test
  void everyModuleOfTheBuildIsALibraryCheckedHereOrNamedAsNotOne() throws IOException {
    String pom = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    TreeSet<String> unknown = new TreeSet<>();
    while (m.find()) {
      if (!MODULES.containsKey(m.group(1)) && !NOT_LIBRARIES.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }
    assertThat(unknown)
        .as("modules to add to LibraryRecordsTest.MODULES (and as test dependencies of demo)")
        .isEmpty();
  }

  @Test
  void noClassOfALibraryModulesMainOutputIsARecord() throws IOException {
    Map<String, String> records = new TreeMap<>();
    for (Map.Entry<String, String> module : MODULES.entrySet()) {
      int scanned = scan(module.getValue(), records, module.getKey());
      assertThat(scanned).as("classes read in " + module.getKey()).isGreaterThan(0);
    }
    assertThat(records)
        .as(
            "records in library code (class -> module); make each a final class with its own"
                + " equals/hashCode/toString: a record's generated ones pin a redeployed"
                + " application's class loader (core/RATIONALE.md, \"Redeploy\")")
        .isEmpty();
  }

  @Test
  void theClassFileReaderTellsARecordFromAClass() throws IOException {
    assertThat(superNameOf(Order.class)).isEqualTo("java/lang/Record"); // the demo keeps records
    assertThat(superNameOf(Main.Options.class)).isEqualTo("java/lang/Record");
    assertThat(superNameOf(Main.class)).isEqualTo("java/lang/Object");
    assertThat(superNameOf(LibraryRecordsTest.class)).isEqualTo("java/lang/Object");
  }

  private static String superNameOf(Class<?> c) throws IOException {
    String file = c.getName().substring(c.getPackageName().length() + 1) + ".class";
    try (InputStream in = c.getResourceAsStream(file)) {
      return superName(new DataInputStream(in));
    }
  }

  /** Reads every class file next to {@code anyClass} (its directory tree or jar). */
  private static int scan(String anyClass, Map<String, String> records, String module)
      throws IOException {
    String resource = anyClass.replace('.', '/') + ".class";
    URL url = LibraryRecordsTest.class.getClassLoader().getResource(resource);
    assertThat(url).as(resource + " of " + module + " on the test class path").isNotNull();
    int scanned = 0;
    if (url.getProtocol().equals("jar")) {
      JarURLConnection c = (JarURLConnection) url.openConnection();
      c.setUseCaches(false);
      try (JarFile jar = c.getJarFile()) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          JarEntry entry = e.nextElement();
          if (isClass(entry.getName())) {
            scanned++;
            try (InputStream in = jar.getInputStream(entry)) {
              check(entry.getName(), in, records, module);
            }
          }
        }
      }
    } else {
      String path = Path.of(java.net.URI.create(url.toString())).toString();
      Path root = Path.of(path.substring(0, path.length() - resource.length()));
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = root.relativize(f).toString().replace('\\', '/');
          if (isClass(name)) {
            scanned++;
            try (InputStream in = Files.newInputStream(f)) {
              check(name, in, records, module);
            }
          }
        }
      }
    }
    return scanned;
  }

  private static boolean isClass(String name) {
    return name.endsWith(".class") && !name.endsWith("module-info.class");
  }

  private static void check(String name, InputStream in, Map<String, String> records, String module)
      throws IOException {
    if ("java/lang/Record".equals(superName(new DataInputStream(in)))) {
      records.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), module);
    }
  }

  /** The internal name of a class file's direct superclass (JVMS 4.1), null for none. */
  static String superName(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNames = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF(); // the class file's modified UTF-8, u2 length first
        case 7 -> classNames[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.skipNBytes(2); // String, MethodType, Module, Package
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 15 -> in.skipNBytes(3); // MethodHandle
        case 5, 6 -> { // Long, Double: two slots
          in.skipNBytes(8);
          i++;
        }
        default -> throw new IOException("constant pool tag " + tag);
      }
    }
    in.readUnsignedShort(); // access flags
    in.readUnsignedShort(); // this class
    int superClass = in.readUnsignedShort();
    return superClass == 0 ? null : utf8[classNames[superClass]];
  }
}
