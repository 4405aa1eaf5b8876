package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.sampling.Sampling;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API never shows an internal type: no public type extends or implements one, and no
 * public or protected member takes, returns or holds one.
 */
class PublicApiTest {
  private static final String INTERNAL = "dev.correlog.internal";

  @Test
  void noPublicSignatureMentionsAnInternalType() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : publicApiClasses()) {
      check(leaks, c + " extends", c.getGenericSuperclass());
      for (Type t : c.getGenericInterfaces()) {
        check(leaks, c + " implements", t);
      }
      for (Field f : c.getDeclaredFields()) {
        if (visible(f.getModifiers())) {
          check(leaks, c.getName() + "." + f.getName(), f.getGenericType());
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (visible(k.getModifiers())) {
          for (Type p : k.getGenericParameterTypes()) {
            check(leaks, k.toString(), p);
          }
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (visible(m.getModifiers()) && !m.isSynthetic()) {
          check(leaks, m.toString(), m.getGenericReturnType());
          for (Type p : m.getGenericParameterTypes()) {
            check(leaks, m.toString(), p);
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void theEventPath_neitherImplementsNorReturnsInternalTypes() throws Exception {
    assertThat(EventLogger.class.getInterfaces()).isEmpty();
    assertThat(Correlog.class.getMethod("sampling").getReturnType()).isEqualTo(Sampling.class);
    assertThat(Correlog.class.getMethod("encoder").getReturnType()).isEqualTo(EventEncoder.class);
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(List<String> leaks, String where, Type type) {
    if (type != null && mentionsInternal(type.getTypeName())) {
      leaks.add(where + ": " + type.getTypeName());
    }
  }

  private static boolean mentionsInternal(String typeName) {
    return typeName.contains(INTERNAL + ".");
  }

  /** Public classes of the API packages (everything but internal), read from the class files. */
  private static List<Class<?>> publicApiClasses()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(Correlog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("dev/correlog"))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!rel.endsWith(".class") || rel.startsWith("dev/correlog/internal/")) {
          continue;
        }
        String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
        Class<?> c = Class.forName(name, false, PublicApiTest.class.getClassLoader());
        if (isPublicApi(c)) {
          out.add(c);
        }
      }
    }
    assertThat(out).contains(Correlog.class, EventLogger.class, EventEncoder.Line.class);
    return out;
  }

  private static boolean isPublicApi(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return !c.isAnonymousClass() && !c.isSynthetic();
  }
}
