/**
 * Correlog against the libraries users would pick instead, on the same work: one INFO line with the
 * full envelope (timestamp with microseconds, level, service, version, trace_id, span_id,
 * request_id, event, logger, thread, message) and six user fields (two longs, a double, two
 * strings, a boolean). {@code EquivalentLinesTest} checks that every contender writes that data.
 *
 * <ul>
 *   <li>{@link dev.correlog.benchmarks.peers.CorrelogBenchmark}: Correlog's event API in an
 *       attached request scope.
 *   <li>{@link dev.correlog.benchmarks.peers.LogstashEncoderBenchmark}: Logback with
 *       logstash-logback-encoder, {@code kv(..)} structured arguments, ids in the MDC.
 *   <li>{@link dev.correlog.benchmarks.peers.LogbackJsonEncoderBenchmark}: Logback's own {@code
 *       JsonEncoder}, SLF4J 2 key-value pairs, ids in the MDC.
 *   <li>{@link dev.correlog.benchmarks.peers.Log4j2JsonTemplateBenchmark}: Log4j2 with {@code
 *       JsonTemplateLayout}, a {@code StringMapMessage}, ids in the ThreadContext.
 * </ul>
 *
 * <p>Each has, in {@code ns/op} and, with {@code -prof gc}, {@code B/op}: {@code info}, the line
 * written synchronously to a discarding output; {@code debugDisabled}, the same line at DEBUG on an
 * INFO logger, written as users write it, without a guard; for the peers {@code
 * debugDisabledGuarded} behind {@code isDebugEnabled()} (and Log4j2's message supplier); {@code
 * sampledOut}, the INFO line in a request that is not sampled. Correlog drops it by its own head
 * sampling (the request's trace flags say not sampled). The peers have no such notion: there it is
 * an MDC/ThreadContext filter denying events whose {@code trace_flags} is {@code 00} (the key
 * OpenTelemetry's MDC instrumentation sets), unguarded and behind {@code isInfoEnabled()}, which
 * consults that filter.
 *
 * <p>The {@code *AsyncBenchmark}s measure the asynchronous path: two producer threads, ops/s, each
 * library's asynchronous appender or sink writing to {@code /dev/null}, once dropping INFO lines
 * when its queue is full ({@code dropWhenFull}) and once making callers wait ({@code
 * waitWhenFull}); each trial prints the share of lines dropped, without which a throughput figure
 * of a lossy set-up means little.
 *
 * <p>Every peer is configured in code, in a private logger context: nothing is read from, or
 * written to, the process-wide logging set-up.
 */
package dev.correlog.benchmarks.peers;
