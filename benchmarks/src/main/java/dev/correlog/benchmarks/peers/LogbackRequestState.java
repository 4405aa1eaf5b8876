package dev.correlog.benchmarks.peers;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.correlog.context.TraceContext;
import java.io.OutputStream;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The state of a Logback benchmark: a private context writing to a discarding stream, a logger, and
 * a request in the MDC. Subclasses say how the context is built and which request is current.
 */
public abstract class LogbackRequestState {
  final DiscardingOutputStream out = new DiscardingOutputStream();
  LoggerContext context;
  Logger log;
  private final boolean sampled;

  /** {@code sampled}: inside the sampled request; else the one not sampled, filtered out. */
  protected LogbackRequestState(boolean sampled) {
    this.sampled = sampled;
  }

  /** The context, with a turbo filter denying unsampled requests when {@code dropUnsampled}. */
  protected abstract LoggerContext context(OutputStream out, boolean dropUnsampled);

  @Setup
  public void setUp() {
    context = context(out, !sampled);
    log = context.getLogger(Fixture.LOGGER);
    TraceContext request = sampled ? Fixture.REQUEST : Fixture.UNSAMPLED_REQUEST;
    LogbackSetup.enter(request);
  }

  @TearDown
  public void tearDown() {
    LogbackSetup.exit();
    context.stop();
  }
}
