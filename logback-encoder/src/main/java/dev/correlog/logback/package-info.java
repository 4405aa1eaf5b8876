/**
 * A Logback encoder writing Correlog lines, for applications that keep Logback: {@link
 * dev.correlog.logback.CorrelogEncoder}. This jar carries no SLF4J provider.
 */
package dev.correlog.logback;
