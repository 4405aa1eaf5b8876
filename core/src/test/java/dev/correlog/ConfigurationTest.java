package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.internal.Settings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
  private final CollectingSink sink = new CollectingSink();

  private static Settings settings(Map<String, String> env, Properties sys) {
    return new Settings(env::get, sys, new ClassLoader(null) {});
  }

  @Test
  void missingServiceAndVersion_isAClearError_namingBoth() {
    assertThatThrownBy(
            () ->
                Correlog.builder()
                    .sink(sink)
                    .settings(settings(Map.of(), new Properties()))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("service (")
        .hasMessageContaining("OTEL_SERVICE_NAME")
        .hasMessageContaining("version (");
  }

  @Test
  void openTelemetryEnvironmentVariables_comeFirst() {
    Properties sys = new Properties();
    sys.setProperty("correlog.service", "from-sysprop");
    sys.setProperty("correlog.version", "9.9");
    Correlog c =
        Correlog.builder()
            .sink(sink)
            .settings(
                settings(
                    Map.of(
                        "OTEL_SERVICE_NAME", "checkout",
                        "OTEL_RESOURCE_ATTRIBUTES",
                            "service.version=2.0.1,deployment.environment=staging"),
                    sys))
            .build();
    assertThat(c.service()).isEqualTo("checkout");
    assertThat(c.version()).isEqualTo("2.0.1");
  }

  @Test
  void systemProperties_thenTheResource() {
    Properties sys = new Properties();
    sys.setProperty("correlog.service", "from-sysprop");
    Correlog c =
        Correlog.builder()
            .sink(sink)
            .settings(new Settings(k -> null, sys, getClass().getClassLoader()))
            .build();
    assertThat(c.service()).isEqualTo("from-sysprop");
    assertThat(c.version()).isEqualTo("0.0.1-test"); // from src/test/resources/correlog.properties
  }

  @Test
  void theBuilderWins_overEverything() {
    Correlog c =
        Correlog.builder()
            .service("explicit")
            .version("1")
            .sink(sink)
            .settings(settings(Map.of("OTEL_SERVICE_NAME", "env"), new Properties()))
            .build();
    assertThat(c.service()).isEqualTo("explicit");
  }

  @Test
  void builderArguments_areCheckedAtOnce() {
    assertThatThrownBy(() -> Correlog.builder().service(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Correlog.builder().maxLineBytes(10))
        .hasMessageContaining("at least 4096");
    assertThatThrownBy(() -> Correlog.builder().sink(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Level.parse("LOUD")).hasMessageContaining("unknown level 'LOUD'");
    assertThat(Level.parse(" warning ")).isEqualTo(Level.WARN);
  }

  @Test
  void theGlobalInstance_isTheInstalledOne() {
    Correlog c = Lines.builder(sink).build();
    try {
      Correlog.install(c);
      assertThat(Correlog.global()).isSameAs(c);
    } finally {
      Correlog.uninstall();
    }
  }

  @Test
  void withNothingInstalled_theGlobalInstanceFallsBack_insteadOfFailing() {
    Correlog.uninstall();
    try {
      Correlog g = Correlog.global();
      String expected = System.getenv("OTEL_SERVICE_NAME");
      assertThat(g.service()).isEqualTo(expected != null ? expected : "unknown_service:java");
      assertThat(Correlog.global()).isSameAs(g);
    } finally {
      Correlog.uninstall();
    }
  }
}
