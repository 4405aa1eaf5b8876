package dev.correlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.correlog.internal.Settings;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code correlog.level.<prefix>=LEVEL}: levels by logger-name prefix from the settings. */
class LevelsByPrefixSettingsTest {
  private final CollectingSink sink = new CollectingSink();

  private static Settings settings(Properties sys, String resource) {
    ClassLoader loader =
        new ClassLoader(null) {
          @Override
          public InputStream getResourceAsStream(String name) {
            return name.equals(Settings.RESOURCE)
                ? new ByteArrayInputStream(resource.getBytes(StandardCharsets.UTF_8))
                : null;
          }
        };
    return new Settings(k -> null, sys, loader);
  }

  @Test
  void systemPropertiesAndTheResource_setLevelsByPrefix_longestPrefixWins() {
    Properties sys = new Properties();
    sys.setProperty("correlog.level.com.acme", "DEBUG");
    sys.setProperty("correlog.level.com.acme.db", "warn");
    Correlog c =
        Lines.builder(sink)
            .settings(settings(sys, "level.org.apache=ERROR\nlevel.com.acme=TRACE\n"))
            .build();

    assertThat(c.logger("com.acme.Orders").level()).isEqualTo(Level.DEBUG); // sysprop wins
    assertThat(c.logger("com.acme.db.Pool").level()).isEqualTo(Level.WARN);
    assertThat(c.logger("org.apache.kafka.Client").level()).isEqualTo(Level.ERROR);
    assertThat(c.logger("com.other.Thing").level()).isEqualTo(Level.INFO);
    assertThat(c.logger("com.acme.Orders").isEnabled(Level.DEBUG)).isTrue();
  }

  @Test
  void levelsGivenInCode_winOverTheSettings_andChangeAtRunTime() {
    Properties sys = new Properties();
    sys.setProperty("correlog.level.com.acme", "DEBUG");
    Correlog c =
        Lines.builder(sink).settings(settings(sys, "")).level("com.acme", Level.ERROR).build();
    EventLogger log = c.logger("com.acme.Orders");
    assertThat(log.level()).isEqualTo(Level.ERROR);

    c.sampling().level("com.acme", Level.TRACE);
    assertThat(log.level()).isEqualTo(Level.TRACE);
  }

  @Test
  void aValueThatIsNotALevel_isIgnored_neverThrows() {
    Properties sys = new Properties();
    sys.setProperty("correlog.level.com.acme", "LOUD");
    sys.setProperty("correlog.level.com.other", "DEBUG");
    Correlog c = Lines.builder(sink).settings(settings(sys, "")).build();
    assertThat(c.logger("com.acme.Orders").level()).isEqualTo(Level.INFO);
    assertThat(c.logger("com.other.X").level()).isEqualTo(Level.DEBUG);
  }
}
