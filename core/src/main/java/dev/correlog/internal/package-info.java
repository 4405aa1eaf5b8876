/**
 * Correlog's machinery: the engine, the JSON writer, sampling, the scope stack. <b>Not part of the
 * API.</b> Types here are public only so that core's own packages can reach them; nothing here is
 * covered by compatibility, any of it may change or disappear in any release, and the javadoc jar
 * leaves these packages out. Adapter modules (SLF4J, Logback, servlet, gRPC, Kafka) use only the
 * public packages ({@code dev.correlog}, {@code .context}, {@code .propagation}, {@code .sampling},
 * {@code .schema}, {@code .sink}), as OpenTelemetry's {@code internal} packages are used.
 */
package dev.correlog.internal;
