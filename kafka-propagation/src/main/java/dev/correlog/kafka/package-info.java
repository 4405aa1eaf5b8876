/**
 * Correlog kafka integration. This module is filled in by a later release; it builds empty for now.
 */
package dev.correlog.kafka;
