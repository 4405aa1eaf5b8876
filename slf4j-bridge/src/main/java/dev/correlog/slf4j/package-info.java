/**
 * An SLF4J 2 provider writing Correlog lines: add {@code correlog-slf4j} to the class path and
 * every {@code LoggerFactory.getLogger(..)} call of the application and its libraries writes the
 * Correlog envelope, with the current trace ids. See {@link
 * dev.correlog.slf4j.CorrelogServiceProvider}.
 */
package dev.correlog.slf4j;
