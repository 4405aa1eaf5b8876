package dev.correlog.context;

import org.slf4j.MDC;

/** Child JVM: opens a scope with the recording provider selected and prints its MDC calls. */
public final class ProviderMdcProbe {
  private ProviderMdcProbe() {}

  public static void main(String[] args) {
    System.out.println("adapter " + MDC.getMDCAdapter().getClass().getName());
    TraceContext ctx =
        TraceContext.of(
            0x0af7651916cd43ddL,
            0x8448eb211c80319cL,
            0xb7ad6b7169203331L,
            0,
            TraceContext.FLAG_SAMPLED,
            null,
            "req-probe");
    RecordingSlf4jProvider.CALLS.clear();
    try (Scope s = ctx.attach()) {
      System.out.println("inside " + MDC.get("trace_id"));
    }
    RecordingSlf4jProvider.CALLS.forEach(c -> System.out.println("call " + c));
  }
}
