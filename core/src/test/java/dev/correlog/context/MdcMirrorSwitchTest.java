package dev.correlog.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The MDC mirror is one decorator: on by default with SLF4J, off and on again without a property.
 */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class MdcMirrorSwitchTest {
  private final TraceContext ctx = TraceContext.newRoot("req-mdc");

  @AfterEach
  void mirrorIsBackOn() {
    ContextStorage.addDecorator(ContextStorage.mdcMirror());
    MDC.clear();
  }

  @Test
  void isInstalledByDefaultWithSlf4jOnTheClassPath() {
    assertThat(System.getProperty("correlog.mdc.disabled")).isNull();
    assertThat(ContextStorage.decorators()).contains(ContextStorage.mdcMirror());
    try (Scope s = ctx.attach()) {
      assertThat(MDC.get("trace_id")).isEqualTo(ctx.traceIdHex());
      assertThat(MDC.get("request_id")).isEqualTo("req-mdc");
    }
    assertThat(MDC.get("trace_id")).isNull();
  }

  @Test
  void removingItTurnsTheMirrorOffAndAddingItTurnsItBackOn() {
    assertThat(ContextStorage.removeDecorator(ContextStorage.mdcMirror())).isTrue();
    assertThat(ContextStorage.decorators()).doesNotContain(ContextStorage.mdcMirror());
    MDC.put("trace_id", "the user's own");
    try (Scope s = ctx.attach()) {
      assertThat(TraceContext.current()).isSameAs(ctx);
      assertThat(MDC.get("trace_id")).isEqualTo("the user's own");
      assertThat(MDC.get("span_id")).isNull();
    }
    assertThat(MDC.get("trace_id")).isEqualTo("the user's own");
    assertThat(ContextStorage.addDecorator(ContextStorage.mdcMirror())).isTrue();
    try (Scope s = ctx.attach()) {
      assertThat(MDC.get("trace_id")).isEqualTo(ctx.traceIdHex());
    }
    assertThat(MDC.get("trace_id")).isEqualTo("the user's own");
  }

  @Test
  void turningItOffWhileAScopeIsOpenStillRestoresTheMdc() {
    Scope s = ctx.attach();
    ContextStorage.removeDecorator(ContextStorage.mdcMirror());
    try (Scope inner = TraceContext.newRoot("inner").attach()) {
      assertThat(MDC.get("request_id")).isEqualTo("req-mdc"); // inner is not mirrored
    }
    s.close();
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }
}
