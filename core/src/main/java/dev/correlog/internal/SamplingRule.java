package dev.correlog.internal;

/**
 * One rule: a pattern (of an event, or of a logger when {@code logger}), its ratio {@code p}, the
 * bound a trace id's random part must stay under, and the {@code sample_rate} it writes. Not a
 * {@code record} (core/RATIONALE.md, "Redeploy").
 */
final class SamplingRule {
  private final String pattern;
  private final boolean logger;
  private final double p;
  private final long bound;
  private final double rate;

  SamplingRule(String pattern, boolean logger, double p, long bound, double rate) {
    this.pattern = pattern;
    this.logger = logger;
    this.p = p;
    this.bound = bound;
    this.rate = rate;
  }

  String pattern() {
    return pattern;
  }

  boolean logger() {
    return logger;
  }

  double p() {
    return p;
  }

  long bound() {
    return bound;
  }

  double rate() {
    return rate;
  }
}
