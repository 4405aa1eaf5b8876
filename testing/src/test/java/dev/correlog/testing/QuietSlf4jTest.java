package dev.correlog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QuietSlf4jTest {
  @RegisterExtension final CorrelogCapture capture = CorrelogCapture.create();

  @Test
  void withoutAnSlf4jProvider_validatingLinesDoesNotMakeSlf4jWarn() {
    capture.logger(QuietSlf4jTest.class).info("order.placed").field("user_id", 1).emit();
    CorrelogAssertions.assertThat(capture).hasEvent("order.placed");
    // This module's test class path has slf4j-api (through the validator) and no provider.
    assertThat(System.getProperty("slf4j.internal.verbosity")).isEqualTo("ERROR");
  }
}
