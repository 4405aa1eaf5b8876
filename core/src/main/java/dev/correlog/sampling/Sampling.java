package dev.correlog.sampling;

import dev.correlog.Level;

/**
 * Changes sampling and levels at run time, thread-safely, without a restart. Get it from {@code
 * correlog.sampling()}. The order of decisions for one event, all made before anything is encoded:
 *
 * <ol>
 *   <li>below its logger's level: dropped (counted as disabled);
 *   <li>at or above the always-keep level (WARN by default): kept; errors are never sampled;
 *   <li>a rule for the event name or logger: kept with the rule's probability;
 *   <li>otherwise kept when the trace is head-sampled: the caller's decision when one came with the
 *       request, else the head ratio applied to the trace id, so that every service agrees.
 * </ol>
 *
 * Probabilities are decided from the trace id (as OpenTelemetry's trace-id ratio sampler does), so
 * one request's lines are all kept or all dropped, in every service.
 *
 * <p>A line kept by a probability p below 1 applied in this process carries {@code sample_rate} =
 * 1/p: kept by a rule, or by the head decision of a trace decided here (a new root or a deferred B3
 * trace, per event while undecided or by {@code Correlog.decide}, which records p in the context:
 * {@link dev.correlog.context.TraceContext#sampleRate()}). Lines kept by a caller's sampled flag
 * (its probability is unknown here), by level, or written by error flush carry none.
 *
 * <p>A line of a trace that was not head-sampled (the caller's flag, or the head ratio applied to
 * its trace id) but kept anyway (level, rule, error flush, an encoder line) carries {@code
 * "trace_sampled":false}; the lines of a sampled trace carry nothing.
 */
public interface Sampling {
  /** The probability with which a new trace is sampled, in [0, 1]. */
  Sampling headRatio(double ratio);

  double headRatio();

  /** Events at or above {@code level} are always kept (at most WARN: errors are never sampled). */
  Sampling alwaysKeep(Level level);

  /**
   * Keeps events whose name matches {@code pattern} with probability {@code p}. A pattern is an
   * exact name ({@code health.check}) or a prefix ending in {@code *} ({@code payment.*}); the
   * longest matching pattern wins. Replaces an existing rule for the same pattern.
   */
  Sampling eventRule(String pattern, double p);

  /** Keeps events of loggers named {@code prefix} or below it with probability {@code p}. */
  Sampling loggerRule(String prefix, double p);

  /** Removes the event or logger rule with this pattern; true if there was one. */
  boolean removeRule(String pattern);

  /**
   * The level of the loggers named {@code prefix} or below it ({@code com.acme} covers {@code
   * com.acme.Orders}); the longest prefix wins, as in Logback. {@code ""} is the root.
   */
  Sampling level(String prefix, Level level);
}
